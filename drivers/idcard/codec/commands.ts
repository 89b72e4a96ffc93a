import { encodeFrame } from './frame';

/** Every command of the SAM protocol, by name: [CMD, PARA]. */
export const commandCodes = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBaseInfo: [0x30, 0x01],
  readAddedAddress: [0x30, 0x03],
  readFullInfo: [0x30, 0x10],
  setBaudRate: [0x60, 0x00],
  setMaxRfBytes: [0x61, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof commandCodes;

/** PARA of "set UART baud" (60 xx). */
export const baudRateParameters = {
  115200: 0x00,
  57600: 0x01,
  38400: 0x02,
  19200: 0x03,
  9600: 0x04,
} as const;
export type ReaderBaudRate = keyof typeof baudRateParameters;

export type Command =
  | { name: Exclude<CommandName, 'setBaudRate' | 'setMaxRfBytes'> }
  | { name: 'setBaudRate'; baudRate: ReaderBaudRate }
  | { name: 'setMaxRfBytes'; maxBytes: number };

export function encodeCommand(command: Command): Buffer {
  const [cmd, defaultPara] = commandCodes[command.name];
  switch (command.name) {
    case 'setBaudRate':
      return encodeFrame(Uint8Array.of(cmd, baudRateParameters[command.baudRate]));
    case 'setMaxRfBytes':
      if (!Number.isInteger(command.maxBytes) || command.maxBytes < 24 || command.maxBytes > 255) {
        throw new RangeError(`max RF bytes must be 24..255, got ${command.maxBytes}`);
      }
      return encodeFrame(Uint8Array.of(cmd, defaultPara, command.maxBytes));
    default:
      return encodeFrame(Uint8Array.of(cmd, defaultPara));
  }
}

/** Shorthand for the commands without parameters. */
export function encodeSimpleCommand(name: Exclude<CommandName, 'setBaudRate' | 'setMaxRfBytes'>): Buffer {
  return encodeCommand({ name });
}

/** Name a received CMD PARA pair (the simulator's side); null for an unknown command. */
export function commandNameOf(cmd: number, para: number): CommandName | null {
  if (cmd === 0x60 && para <= 0x04) return 'setBaudRate';
  for (const [name, [c, p]] of Object.entries(commandCodes) as [CommandName, readonly [number, number]][]) {
    if (c === cmd && p === para && name !== 'setBaudRate') return name;
  }
  return null;
}

/** A response frame from its parts: SW1 SW2 SW3 DATA. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Buffer {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}
