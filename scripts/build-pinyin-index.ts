/**
 * Builds the on-screen keyboard's pinyin candidate index at BUILD time from pinyin-pro's packaged data,
 * so the renderer ships no pinyin library: `tsx scripts/build-pinyin-index.ts` writes
 * renderer/generated/pinyin-index.json (lazy-loaded by the keyboard, never on the first screen).
 *
 * Ranking, best first: the county's own place names (南安市 towns and streets), common surnames,
 * pinyin-pro's phrase dictionaries in their own (frequency) order, then single characters ranked by a
 * list of the most frequent characters, then by how often they occur in the phrases.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';
import type { PinyinIndex } from '../renderer/src/keyboard/pinyin-match';

const root = resolve(import.meta.dirname, '..');

/** 南安市 (the hall's county): the city, its streets and towns, and the places around it. */
export const placeNames = [
  '南安市',
  '南安',
  '泉州市',
  '福建省',
  '溪美街道',
  '柳城街道',
  '美林街道',
  '省新镇',
  '东田镇',
  '英都镇',
  '翔云镇',
  '金淘镇',
  '诗山镇',
  '蓬华镇',
  '码头镇',
  '九都镇',
  '乐峰镇',
  '罗东镇',
  '梅山镇',
  '洪濑镇',
  '洪梅镇',
  '康美镇',
  '丰州镇',
  '霞美镇',
  '官桥镇',
  '石井镇',
  '水头镇',
  '仑苍镇',
  '眉山乡',
  '向阳乡',
  '溪美',
  '柳城',
  '美林',
  '省新',
  '东田',
  '英都',
  '翔云',
  '金淘',
  '诗山',
  '蓬华',
  '码头',
  '九都',
  '乐峰',
  '罗东',
  '梅山',
  '洪濑',
  '洪梅',
  '康美',
  '丰州',
  '霞美',
  '官桥',
  '石井',
  '水头',
  '仑苍',
  '眉山',
  '向阳',
  '成功街',
  '南安大道',
  '社区',
  '村委会',
  '居委会',
  '街道',
  '号楼',
  '单元',
] as const;

/** The most common surnames, in order of frequency. */
export const commonSurnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤洪傅柯庄卓颜施';

/** The most frequent characters of written Chinese (a few hundred), best first. */
const frequentCharacters =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域读';

/** Tone marks off, ü as v: how the keyboard's letters spell a syllable. */
export function plainSyllable(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'v')
    .toLowerCase()
    .trim();
}

function loadModuleObject(path: string, name: string): Record<string, unknown> {
  const source = readFileSync(path, 'utf8');
  const start = source.indexOf(`const ${name} = {`);
  if (start < 0) throw new Error(`${name} not found in ${path}`);
  const bodyStart = source.indexOf('{', start);
  const end = source.indexOf('\n};', bodyStart);
  // pinyin-pro's data files are plain object literals of strings and arrays of strings.
  return new Function(`return ${source.slice(bodyStart, end + 2)}`)() as Record<string, unknown>;
}

function pinyinDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pinyin-pro')), 'esm', 'data');
}

function wordSyllables(word: string): string[] {
  return (pinyin(word, { toneType: 'none', type: 'array', v: true }) as string[]).map(plainSyllable);
}

export function buildPinyinIndex(): PinyinIndex {
  const dataDir = pinyinDataDir();
  const words: [string, string][] = [];
  const seenWords = new Set<string>();
  const addWord = (word: string, syllables: readonly string[]) => {
    const key = `${word}|${syllables.join(' ')}`;
    if (seenWords.has(key) || syllables.length === 0 || syllables.some((s) => !/^[a-z]+$/.test(s))) return;
    seenWords.add(key);
    words.push([word, syllables.join(' ')]);
  };
  for (const place of placeNames) addWord(place, wordSyllables(place));

  const surnames = loadModuleObject(join(dataDir, 'surname.mjs'), 'Surnames') as Record<string, string>;
  const phraseCounts = new Map<string, number>();
  for (const file of ['dict2', 'dict3', 'dict4', 'dict5']) {
    const dict = loadModuleObject(join(dataDir, `${file}.mjs`), file.toUpperCase()) as Record<string, string>;
    for (const [word, reading] of Object.entries(dict)) {
      addWord(word, reading.split(/\s+/).map(plainSyllable));
      for (const character of word) phraseCounts.set(character, (phraseCounts.get(character) ?? 0) + 1);
    }
  }
  for (const [surname, reading] of Object.entries(surnames)) {
    if ([...surname].length > 1) addWord(surname, reading.split(/\s+/).map(plainSyllable));
  }

  // Single characters by syllable, ranked.
  const map = loadModuleObject(join(dataDir, 'dict1.mjs'), 'map') as Record<string, string[]>;
  const rank = (character: string): number => {
    const surnameRank = commonSurnames.indexOf(character);
    const frequentRank = frequentCharacters.indexOf(character);
    let score = 0;
    if (frequentRank >= 0) score += 10_000 - frequentRank * 10;
    if (surnameRank >= 0) score += 9_000 - surnameRank * 20;
    score += Math.min(phraseCounts.get(character) ?? 0, 200) * 20;
    return score;
  };
  const bySyllable = new Map<string, Set<string>>();
  for (const [readings, characters] of Object.entries(map)) {
    for (const reading of readings.split(/\s+/)) {
      const syllable = plainSyllable(reading);
      if (!/^[a-z]+$/.test(syllable)) continue;
      const set = bySyllable.get(syllable) ?? new Set<string>();
      for (const character of characters) set.add(character);
      bySyllable.set(syllable, set);
    }
  }
  const chars: [string, string][] = [...bySyllable.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([syllable, set]) => {
      const ranked = [...set].sort((a, b) => rank(b) - rank(a) || a.localeCompare(b));
      return [syllable, ranked.join('')];
    });
  return { version: 1, words, chars };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const index = buildPinyinIndex();
  const outDir = join(root, 'renderer', 'generated');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(index);
  writeFileSync(join(outDir, 'pinyin-index.json'), json);
  process.stdout.write(
    `pinyin index: ${index.words.length} words, ${index.chars.length} syllables, ${Math.round(json.length / 1024)} KB\n`,
  );
}
