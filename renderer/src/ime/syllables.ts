/**
 * The toneless syllables of Mandarin as the keyboard spells them (ü as v), and which syllables a typed
 * piece of letters may stand for: the syllable itself, a beginning of it (g, go, gon for gong), and, with
 * fuzzy syllables on, the spellings southern Min speakers mix up (n/l, h/f, zh/z, ch/c, sh/s, an/ang,
 * en/eng, in/ing). Pure: no DOM, runs under Node for the tests, the CLI and the bench.
 */

export const syllables: readonly string[] = (
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce ' +
  'cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun ' +
  'chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu ' +
  'dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge ' +
  'gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou ' +
  'hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai ' +
  'kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei ' +
  'leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me ' +
  'mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang ' +
  'niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian ' +
  'piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao ' +
  're ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang ' +
  'shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui ' +
  'sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan ' +
  'wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ' +
  'ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao ' +
  'zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui ' +
  'zun zuo'
).split(' ');

const syllableSet = new Set(syllables);

export function isSyllable(text: string): boolean {
  return syllableSet.has(text);
}

/** How a typed piece stands for a syllable. */
export interface PieceReading {
  syllable: string;
  /** The piece is only a beginning of the syllable (g for gong). */
  partial: boolean;
  /** The piece spells the syllable only with fuzzy syllables on (lan for nan). */
  fuzzy: boolean;
}

/** Initials and finals southern Min speakers do not tell apart, both ways round. */
const fuzzyInitials: readonly [string, string][] = [
  ['zh', 'z'],
  ['ch', 'c'],
  ['sh', 's'],
  ['n', 'l'],
  ['h', 'f'],
];
const fuzzyFinals: readonly [string, string][] = [
  ['ang', 'an'],
  ['eng', 'en'],
  ['ing', 'in'],
];

function splitInitial(syllable: string): [string, string] {
  const match = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$/.exec(syllable);
  return [match?.[1] ?? '', match?.[2] ?? syllable];
}

/** Other spellings a southern Min speaker may type for a syllable (not the syllable itself). */
export function fuzzySpellings(syllable: string): string[] {
  const [initial, final] = splitInitial(syllable);
  const initials = new Set([initial]);
  for (const [a, b] of fuzzyInitials) {
    if (initial === a) initials.add(b);
    if (initial === b) initials.add(a);
  }
  const finals = new Set([final]);
  for (const [a, b] of fuzzyFinals) {
    if (final.endsWith(a)) finals.add(final.slice(0, -a.length) + b);
    else if (final.endsWith(b)) finals.add(final.slice(0, -b.length) + a);
  }
  const out: string[] = [];
  for (const i of initials) for (const f of finals) if (i + f !== syllable) out.push(i + f);
  return out;
}

function rank(reading: PieceReading): number {
  return (reading.partial ? 2 : 0) + (reading.fuzzy ? 1 : 0);
}

/**
 * For every piece of letters that can stand for a syllable, the syllables it stands for. Built once per
 * fuzzy setting; a piece never starts with i, u or v, so "lv" is one syllable (ü), never l + v.
 */
export function pieceTable(fuzzy: boolean): ReadonlyMap<string, ReadonlyMap<string, PieceReading>> {
  const table = new Map<string, Map<string, PieceReading>>();
  const add = (piece: string, reading: PieceReading) => {
    const readings = table.get(piece) ?? new Map<string, PieceReading>();
    const known = readings.get(reading.syllable);
    if (!known || rank(reading) < rank(known)) readings.set(reading.syllable, reading);
    table.set(piece, readings);
  };
  for (const syllable of syllables) {
    const spellings = [{ spelling: syllable, fuzzy: false }];
    if (fuzzy) for (const spelling of fuzzySpellings(syllable)) spellings.push({ spelling, fuzzy: true });
    for (const { spelling, fuzzy: isFuzzy } of spellings) {
      for (let length = 1; length <= spelling.length; length++) {
        add(spelling.slice(0, length), {
          syllable,
          partial: length < spelling.length,
          fuzzy: isFuzzy,
        });
      }
    }
  }
  return table;
}

/**
 * Letters of a whole phrase split into exactly `count` syllables (the catalogue stores an item's pinyin
 * run together: zhufanggongjijin -> zhu fang gong ji jin), or null when no split has that many.
 */
export function splitSyllables(letters: string, count: number): string[] | null {
  // ways[i][k]: a split of letters[i..] into k syllables exists; the first syllable's length.
  const memo = new Map<string, number>();
  const solve = (at: number, left: number): number => {
    if (at === letters.length) return left === 0 ? 0 : -1;
    if (left === 0) return -1;
    const key = `${at}:${left}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let found = -1;
    // Longest syllable first: xian before xi an when both fit the count.
    for (let size = Math.min(6, letters.length - at); size >= 1 && found < 0; size--) {
      if (syllableSet.has(letters.slice(at, at + size)) && solve(at + size, left - 1) >= 0) found = size;
    }
    memo.set(key, found);
    return found;
  };
  if (solve(0, count) < 0) return null;
  const out: string[] = [];
  for (let at = 0, left = count; at < letters.length; left--) {
    const size = solve(at, left);
    out.push(letters.slice(at, at + size));
    at += size;
  }
  return out;
}
