/** One holder at a time, in arrival order: serialises every exchange with the reader. */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(task: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    try {
      return await task();
    } finally {
      release();
    }
  }
}
