// The one error the EVTX reader raises internally: the bytes do not follow the format at `offset`.
// The reader turns it into a counted "damaged" item; it never escapes readEvtx.
export class EvtxFormatError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'EvtxFormatError';
    this.offset = offset;
  }
}
