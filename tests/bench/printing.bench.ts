/**
 * npm run bench -- printing: receipt PDF generation (warm) and camera page normalisation.
 */
import sharp from 'sharp';
import { renderReceiptPdf } from '../../drivers/printer/documents/receipt';
import { sampleReceipt } from '../../drivers/printer/documents/sample-data';
import { normalisePage } from '../../drivers/scanner/normalise-page';
import { type BenchFigure, type BenchReport, summarise } from './report';

async function timeRuns(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work(run);
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * A 4000x3000 (12 MP) photo of a printed page as a document camera delivers it: off-white paper
 * with lighting falloff, rows of dark "text", sensor noise, JPEG quality 92, EXIF orientation 6.
 */
async function cameraFrame(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let y = 0; y < height; y++) {
    const textRow = y % 60 < 22 && y > 300 && y < 2700;
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 24) - 64;
      const light = 235 - Math.round(((x - width / 2) ** 2 + (y - height / 2) ** 2) / 400_000);
      const ink = textRow && x > 400 && x < 3600 && (x * 7 + y) % 53 < 30;
      const level = Math.max(0, Math.min(255, (ink ? 40 : light) + (noise >> 3)));
      const i = (y * width + x) * 3;
      raw[i] = level;
      raw[i + 1] = level;
      raw[i + 2] = Math.max(0, level - 6);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export default async function printingBench(): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const receipt = sampleReceipt('zh-Hans');

  // Warm-up: font files read, fontkit tables parsed, JIT settled.
  for (let i = 0; i < 20; i++) await renderReceiptPdf({ ...receipt, ticketNumber: `W${i}` }, '80mm');
  let size = 0;
  const receiptTimes = await timeRuns(200, async (run) => {
    const pdf = await renderReceiptPdf(
      { ...receipt, ticketNumber: `A${String(run).padStart(3, '0')}` },
      '80mm',
    );
    size = Math.max(size, pdf.length);
  });
  const receiptStats = summarise(receiptTimes);
  figures.push({
    what: 'receipt PDF (80 mm, CJK subset font, QR), warm',
    unit: 'ms',
    ...receiptStats,
    target: 'median under 60 ms',
    met: receiptStats.median < 60,
  });
  figures.push({
    what: 'receipt PDF file size (largest of the runs)',
    unit: 'KB',
    value: size / 1024,
    target: 'under 80 KB',
    met: size < 80 * 1024,
  });
  const a4Times = await timeRuns(100, (run) =>
    renderReceiptPdf({ ...receipt, ticketNumber: `B${run}` }, 'a4'),
  );
  figures.push({ what: 'receipt PDF (A4), warm', unit: 'ms', ...summarise(a4Times) });

  const frame = await cameraFrame();
  await normalisePage(frame);
  let output = { bytes: 0, width: 0, height: 0, quality: 0 };
  const normaliseTimes = await timeRuns(10, async () => {
    const page = await normalisePage(frame);
    output = { bytes: page.bytes.length, width: page.width, height: page.height, quality: page.quality };
  });
  figures.push({
    what: 'normalise a 12 MP camera frame (orient, cap 2480 px, JPEG under 600 KB)',
    unit: 'ms',
    ...summarise(normaliseTimes),
  });
  figures.push({
    what: 'normalised page size',
    unit: 'KB',
    value: output.bytes / 1024,
    target: 'at most 600 KB (the cap)',
    met: output.bytes <= 600_000,
  });

  return {
    name: 'printing',
    figures,
    notes: [
      `camera frame: 4000x3000 JPEG of ${(frame.length / 1024).toFixed(0)} KB -> ${output.width}x${output.height} JPEG at quality ${output.quality}`,
    ],
  };
}
