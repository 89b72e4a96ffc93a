import { describe, expect, it } from 'vitest';
import { descriptorDistance, type FaceSighting, livenessOf } from '../../renderer/src/face/liveness';

const sightings = (widths: number[]): FaceSighting[] => widths.map((width, i) => ({ atMs: i * 300, width }));

describe('人证核验 liveness: the face must come closer', () => {
  it('a still picture (the same size in every frame, or jitter) is not live', () => {
    expect(livenessOf(sightings([200, 200, 200, 200, 200, 200, 200, 200]))).toBe('undecided');
    expect(livenessOf(sightings([200, 206, 197, 203, 209, 199, 204, 201]))).toBe('undecided');
  });

  it('a face that grows by 15 % over an earlier frame is live', () => {
    expect(livenessOf(sightings([180, 185, 195, 210]))).toBe('live');
  });

  it('growth must follow a smaller sighting: moving away is not enough', () => {
    expect(livenessOf(sightings([240, 220, 200, 180, 170]))).toBe('undecided');
  });

  it('too few frames give no verdict, however they differ', () => {
    expect(livenessOf(sightings([100, 200, 300]))).toBe('undecided');
  });
});

describe('descriptor distance', () => {
  it('is the Euclidean distance, and refuses descriptors of different lengths', () => {
    expect(descriptorDistance([0, 3], [4, 0])).toBe(5);
    expect(() => descriptorDistance([0], [0, 1])).toThrow(/different lengths/);
  });
});
