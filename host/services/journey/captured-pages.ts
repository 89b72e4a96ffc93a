import { err, ok } from '../../../kernel/result';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { JourneyContext } from './journey-context';

function decodeDataUrl(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The signature or a camera photo as the renderer sends it: bytes and their media type. */
export function dataUrlBytes(dataUrl: string): { bytes: Buffer; mime: string } {
  return { bytes: decodeDataUrl(dataUrl), mime: dataUrl.slice(5, dataUrl.indexOf(';')) };
}

/** Page capture for the open session: camera, scanner, rotate, delete (held in memory until submitted). */
export function capturedPagesApi(
  journey: JourneyContext,
): Pick<HostApi, 'addCameraPage' | 'scanPage' | 'rotatePage' | 'deletePage'> {
  const pages = journey.host.pages;
  const open = (sessionId: string) => journey.session(sessionId).ok;
  return {
    async addCameraPage({ sessionId, materialCode, imageDataUrl }: MethodArgs<'addCameraPage'>) {
      if (!open(sessionId)) return err('no_session', 'The session has ended.');
      return pages.addCameraPage(sessionId, materialCode, decodeDataUrl(imageDataUrl));
    },
    async scanPage({ sessionId, materialCode }) {
      if (!open(sessionId)) return err('no_session', 'The session has ended.');
      return pages.scanPage(sessionId, materialCode);
    },
    async rotatePage({ sessionId, pageId, degrees }) {
      if (!open(sessionId)) return err('no_session', 'The session has ended.');
      return pages.rotate(sessionId, pageId, degrees);
    },
    async deletePage({ sessionId, pageId }) {
      if (!open(sessionId)) return err('no_session', 'The session has ended.');
      return pages.delete(sessionId, pageId) ? ok({}) : err('unknown_page', 'That page is no longer held.');
    },
  };
}
