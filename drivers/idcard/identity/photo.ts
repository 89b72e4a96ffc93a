/** A decoded card photo (the WLT format decodes to 102 x 126, 24-bit). */
export interface DecodedPhoto {
  readonly width: number;
  readonly height: number;
  /** e.g. 'image/bmp' or 'image/png', as the deployment's decoder produces. */
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/**
 * WLT photos are decodable only by closed vendor libraries. A deployment that ships one wraps it in
 * this interface; the kiosk never guesses pixels, so none is included here.
 */
export interface PhotoDecoder {
  decode(wlt: Uint8Array): Promise<DecodedPhoto>;
}
