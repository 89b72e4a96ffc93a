import { useEffect, useState } from 'react';
import type { AttachedDevices, DeviceChoice } from '../../../../host/api/technician';
import { guarded, usePanel } from '../panel-context';
import { useTech } from '../use-tech';

const baudRates = [115200, 57600, 38400, 19200, 9600] as const;
type Baud = (typeof baudRates)[number];

function Option({
  label,
  on,
  onPress,
  testId,
}: {
  label: string;
  on: boolean;
  onPress: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={on ? 'tech-tab is-current' : 'tech-tab'}
      aria-pressed={on}
      onClick={onPress}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** Choosing the reader (port or HID id, baud), printer, scanner and camera; they apply at the next start. */
export function DeviceChoiceCard({ attached }: { attached: AttachedDevices | null }) {
  const panel = usePanel();
  const { t } = useTech();
  const [choice, setChoice] = useState<DeviceChoice | null>(null);
  const [cameras, setCameras] = useState<{ id: string; label: string }[]>([]);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    void guarded(panel, () => panel.client.getDeviceChoice({ token: panel.token })).then((result) => {
      if (result.ok) setChoice(result.value.choice);
    });
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) =>
        setCameras(
          devices
            .filter((d) => d.kind === 'videoinput')
            .map((d, i) => ({ id: d.deviceId, label: d.label || `${i + 1}` })),
        ),
      )
      .catch(() => setCameras([]));
  }, [panel]);

  if (!choice) return null;
  const change = (patch: Partial<DeviceChoice>) => {
    setNote(null);
    setChoice({ ...choice, ...patch });
  };
  const save = async () => {
    const result = await guarded(panel, () => panel.client.setDeviceChoice({ token: panel.token, choice }));
    setNote(
      result.ok
        ? `${t('devices.choiceSaved')}${result.value.restartNeeded ? ` · ${t('devices.restartNeeded')}` : ''}`
        : t('failed', { message: result.error.message }),
    );
  };
  const reader = choice.idcard;
  const printer = choice.printer;
  const baudOf = (value: { baudRate: Baud } | null | undefined) => value?.baudRate ?? 115200;

  return (
    <article className="tech-card" data-testid="device-choice">
      <h3>{t('devices.choose')}</h3>
      {attached ? null : <p className="tech-lead">{t('devices.listFirst')}</p>}

      <p className="tech-setting-label">{t('devices.idcard')}</p>
      <div className="tech-choices">
        <Option
          label={t('devices.fromConfig')}
          on={reader === null}
          onPress={() => change({ idcard: null })}
        />
        <Option
          label={t('devices.simulator')}
          on={reader?.kind === 'simulator'}
          onPress={() => change({ idcard: { kind: 'simulator' } })}
        />
        {attached?.serialPorts.map((port) => (
          <Option
            key={port.path}
            label={port.path}
            on={reader?.kind === 'serial' && reader.path === port.path}
            onPress={() =>
              change({
                idcard: {
                  kind: 'serial',
                  path: port.path,
                  baudRate: baudOf(reader?.kind === 'serial' ? reader : null),
                },
              })
            }
          />
        ))}
        {attached?.hid.map((device) => (
          <Option
            key={`${device.vendorId}:${device.productId}`}
            label={`HID ${hex(device.vendorId)}:${hex(device.productId)} ${device.product ?? ''}`.trim()}
            on={
              reader?.kind === 'hid' &&
              reader.vendorId === device.vendorId &&
              reader.productId === device.productId
            }
            onPress={() =>
              change({ idcard: { kind: 'hid', vendorId: device.vendorId, productId: device.productId } })
            }
          />
        ))}
      </div>
      {reader?.kind === 'serial' ? (
        <fieldset className="tech-choices tech-fieldset" aria-label={t('devices.baud')}>
          {baudRates.map((baud) => (
            <Option
              key={baud}
              label={String(baud)}
              on={reader.baudRate === baud}
              onPress={() => change({ idcard: { ...reader, baudRate: baud } })}
            />
          ))}
        </fieldset>
      ) : null}

      <p className="tech-setting-label">{t('devices.printer')}</p>
      <div className="tech-choices">
        <Option
          label={t('devices.fromConfig')}
          on={printer === null}
          onPress={() => change({ printer: null })}
        />
        <Option
          label={t('devices.simulator')}
          on={printer?.kind === 'simulator'}
          onPress={() => change({ printer: { kind: 'simulator' } })}
        />
        {attached?.printers.map((queue) => (
          <Option
            key={queue.name}
            label={queue.name}
            on={printer?.kind === 'cups' && printer.name === queue.name}
            onPress={() => change({ printer: { kind: 'cups', name: queue.name } })}
          />
        ))}
        {attached?.serialPorts.map((port) => (
          <Option
            key={`escpos-${port.path}`}
            label={t('devices.escposOn', { path: port.path })}
            on={printer?.kind === 'escpos' && printer.serialPath === port.path}
            onPress={() =>
              change({
                printer: {
                  kind: 'escpos',
                  serialPath: port.path,
                  baudRate: baudOf(printer?.kind === 'escpos' ? printer : null),
                },
              })
            }
          />
        ))}
      </div>
      {printer?.kind === 'escpos' ? (
        <fieldset className="tech-choices tech-fieldset" aria-label={t('devices.baud')}>
          {baudRates.map((baud) => (
            <Option
              key={baud}
              label={String(baud)}
              on={printer.baudRate === baud}
              onPress={() => change({ printer: { ...printer, baudRate: baud } })}
            />
          ))}
        </fieldset>
      ) : null}

      <p className="tech-setting-label">{t('devices.scanner')}</p>
      <div className="tech-choices">
        <Option
          label={t('devices.fromConfig')}
          on={choice.scanner === null}
          onPress={() => change({ scanner: null })}
        />
        <Option
          label={t('none')}
          on={choice.scanner?.kind === 'none'}
          onPress={() => change({ scanner: { kind: 'none' } })}
        />
        {attached?.scanners.map((scanner) => (
          <Option
            key={scanner.name}
            label={scanner.name}
            on={choice.scanner?.kind === 'sane' && choice.scanner.device === scanner.name}
            onPress={() => change({ scanner: { kind: 'sane', device: scanner.name } })}
          />
        ))}
      </div>

      <p className="tech-setting-label">{t('devices.camera')}</p>
      <div className="tech-choices">
        <Option
          label={t('devices.defaultCamera')}
          on={choice.cameraDeviceId === null}
          onPress={() => change({ cameraDeviceId: null })}
        />
        {cameras.map((camera) => (
          <Option
            key={camera.id || camera.label}
            label={camera.label}
            on={choice.cameraDeviceId === camera.id}
            onPress={() => change({ cameraDeviceId: camera.id.slice(0, 200) })}
          />
        ))}
      </div>

      {note ? (
        <p className="tech-success" role="status" data-testid="device-choice-note">
          {note}
        </p>
      ) : null}
      <button
        type="button"
        className="tech-button is-primary"
        onClick={() => void save()}
        data-testid="save-device-choice"
      >
        {t('devices.saveChoice')}
      </button>
    </article>
  );
}
