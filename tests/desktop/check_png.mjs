// Checks that a PNG has the expected size and is not blank (luminance variance over a threshold).
// Usage: node check_png.mjs FILE WIDTH HEIGHT
import { pngFileStatistics } from '../browser/harness.mjs';

const [file, width, height] = process.argv.slice(2);
const stats = pngFileStatistics(file);
const sizeOk = stats.width === Number(width) && stats.height === Number(height);
const contentOk = stats.variance > 100;
console.log(`  ${file}: ${stats.width}x${stats.height}, luminance mean ${stats.mean.toFixed(1)}, variance ${stats.variance.toFixed(1)}`);
process.exit(sizeOk && contentOk ? 0 : 1);
