/**
 * What a government terminal must never offer as a candidate: vulgar words, insults and idioms that
 * mock people. Applied to the dictionary's words when the lexicon is built (scripts/build-ime-lexicon.ts).
 * Single characters stay (they are needed to spell names and addresses); the hall's own words are
 * trusted as the hall wrote them.
 */

/** A word of two or more characters with any of these is vulgar, whatever its part of speech. */
const vulgarCharacters = new Set([...'屎尿屁粪婊妓娼嫖淫屌逼肏骚贱狗傻蠢屄鸩']);

/**
 * An idiom or set phrase (jieba tags i and l) with any of these mocks, curses or dwells on death,
 * disease, deformity or crime: not what an applicant wants offered for a road or a name.
 */
const gloomyIdiomCharacters = new Set([
  ...'死尸鬼猪贼奸杀骂丑恶笨魔妖奴畜兽毒癞疯瞎聋哑残废病亡滚蛋祸灾患凶惨悲哀棺坟墓丧葬血斩穷乞骗赖痞狼蛇鼠虫蝇秃驼背缩屠戮刑囚盗窃淫娼嫖烂臭腐朽蛆',
]);

/** Words blocked by name (insults without a tell-tale character). */
const blockedWords = new Set([
  '王八',
  '王八蛋',
  '混蛋',
  '杂种',
  '畜生',
  '人渣',
  '废物',
  '白痴',
  '弱智',
  '神经病',
  '二百五',
  '娘们',
  '婆娘',
  '老不死',
  '乡巴佬',
  '操你',
  '他妈',
  '他妈的',
  '妈的',
  '去你的',
  '鸡巴',
  '人模狗样',
  '人满为患',
  '拱肩缩背',
  '众矢之的',
]);

export function isOffensive(word: string, tag = ''): boolean {
  const characters = [...word];
  if (characters.length < 2) return false;
  if (blockedWords.has(word)) return true;
  if (characters.some((character) => vulgarCharacters.has(character))) return true;
  const idiom = tag === 'i' || tag === 'l' || characters.length >= 4;
  return idiom && characters.some((character) => gloomyIdiomCharacters.has(character));
}
