import { pinyin } from 'pinyin-pro';
import {
  type Bundle,
  type Catalogue,
  catalogueSchema,
  type Department,
  type LifeEvent,
  type Queue,
  type ServiceItem,
  type ServiceWindow,
} from '../protocol/catalogue';
import type { LocalizedText } from '../protocol/localized-text';
import { bundleSeeds, integratedWindowDepartmentId } from './bundles';
import { departmentSeeds } from './departments';
import { sampleForms } from './forms';
import { sampleGuide } from './guides';
import { itemSeeds } from './items';
import { text } from './localized';
import { SeededRandom } from './random';

/**
 * The sample hall: a county-level centre (南安市政务服务中心) with 39 departments (one of them the
 * integrated window, 综合窗口), 90 windows, ~200 service items and five 一件事 bundles, built
 * deterministically from the seeds in this folder. Code is the source of truth; `sampleCatalogue()`
 * returns the same catalogue on every call.
 */

export const sampleHallName = text(
  '南安市政务服务中心',
  '南安市政務服務中心',
  "Nan'an Government Service Centre",
);
/** The county's administrative division code: the first six digits of its residents' ID numbers. */
export const sampleCountyCode = '350583';
export const sampleCatalogueVersion = '2025.06.01-1';

const lifeEventTexts: Record<string, { name: LocalizedText; description: LocalizedText }> = {
  'open-business': {
    name: text('我要开店办企业', '我要開店辦企業', 'Open a business'),
    description: text(
      '从营业执照到发票，开办一次办好',
      '從營業執照到發票，開辦一次辦好',
      'From the business licence to invoices, in one visit',
    ),
  },
  'close-business': {
    name: text('我要注销企业', '我要註銷企業', 'Close a business'),
    description: text('注销登记及相关事项', '註銷登記及相關事項', 'Deregistration and what goes with it'),
  },
  'have-baby': {
    name: text('我要生孩子', '我要生孩子', 'Have a baby'),
    description: text(
      '生育登记、出生登记、医保和社保卡',
      '生育登記、出生登記、醫保和社保卡',
      'Birth registration, medical insurance, social security card',
    ),
  },
  'buy-home': {
    name: text('我要买房', '我要買房', 'Buy a home'),
    description: text(
      '不动产登记、税费、公积金、水电气过户',
      '不動產登記、稅費、公積金、水電氣過戶',
      'Registration, taxes, housing fund, utilities',
    ),
  },
  retire: {
    name: text('我要退休', '我要退休', 'Retire'),
    description: text(
      '养老金、公积金提取、异地就医',
      '養老金、公積金提取、異地就醫',
      'Pension, housing fund, medical care elsewhere',
    ),
  },
  'get-married': {
    name: text('我要结婚', '我要結婚', 'Get married'),
    description: text('结婚登记与生育登记', '結婚登記與生育登記', 'Marriage and childbirth registration'),
  },
  travel: {
    name: text('我要出境', '我要出境', 'Travel abroad'),
    description: text(
      '通行证、护照、签注和公证',
      '通行證、護照、簽注和公證',
      'Permits, passports, endorsements, notarisation',
    ),
  },
  'new-resident': {
    name: text('我是新市民', '我是新市民', 'Move to the city'),
    description: text(
      '居住证、落户、租房和转移接续',
      '居住證、落戶、租房和轉移接續',
      'Residence permit, household, renting, transfers',
    ),
  },
  'lose-job': {
    name: text('我失业了', '我失業了', 'Lose your job'),
    description: text(
      '失业登记、失业金和继续参保',
      '失業登記、失業金和繼續參保',
      'Registration, benefit and staying insured',
    ),
  },
  'buy-car': {
    name: text('我要买车', '我要買車', 'Buy a car'),
    description: text('购置税、上牌和抵押', '購置稅、上牌和抵押', 'Purchase tax, registration and mortgage'),
  },
  bereavement: {
    name: text('身后事', '身後事', 'When someone dies'),
    description: text(
      '销户、继承和殡葬减免',
      '銷戶、繼承和殯葬減免',
      'Cancelling registration, inheritance, funeral relief',
    ),
  },
};

/** Ticket prefixes in issue order: A..Z, then AA, AB ... */
function ticketPrefix(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? letters[index]! : `${letters[Math.floor(index / 26) - 1]!}${letters[index % 26]!}`;
}

/** Pinyin without tones of the simplified name: full syllables and initials, Latin letters and digits only. */
export function pinyinKeys(name: string): { pinyin: string; pinyinInitials: string } {
  const keep = (parts: string[]): string =>
    parts
      .join('')
      .toLowerCase()
      .replace(/ü/g, 'v')
      .replace(/[^a-z0-9]/g, '');
  return {
    pinyin: keep(pinyin(name, { toneType: 'none', type: 'array' })),
    pinyinInitials: keep(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })),
  };
}

export function sampleCatalogue(): Catalogue {
  const random = new SeededRandom(20250601);
  const departments: Department[] = [];
  const queues: Queue[] = [];
  const windows: ServiceWindow[] = [];
  const windowNumbersByDepartment = new Map<string, number[]>();

  for (const seed of departmentSeeds) {
    departments.push({
      id: seed.id,
      version: 1,
      code: seed.code,
      name: seed.name,
      location: text(
        `${seed.floor} 楼 ${seed.zone} 区`,
        `${seed.floor} 樓 ${seed.zone} 區`,
        `Floor ${seed.floor}, zone ${seed.zone}`,
      ),
      floor: seed.floor,
      phone: `0595-8${String(6_300_000 + departments.length * 17).slice(0, 7)}`,
    });
    const regular: Queue = {
      id: `${seed.id}-regular`,
      version: 1,
      prefix: ticketPrefix(queues.length),
      departmentId: seed.id,
      name: seed.name,
      averageServiceMinutes: seed.averageServiceMinutes,
      priority: false,
    };
    queues.push(regular);
    const priority: Queue | null = seed.priorityQueue
      ? {
          id: `${seed.id}-priority`,
          version: 1,
          prefix: ticketPrefix(queues.length),
          departmentId: seed.id,
          name: {
            'zh-Hans': `${seed.name['zh-Hans']}（绿色通道）`,
            'zh-Hant': `${seed.name['zh-Hant']}（綠色通道）`,
            en: `${seed.name.en} (priority)`,
          },
          averageServiceMinutes: seed.averageServiceMinutes,
          priority: true,
        }
      : null;
    if (priority) queues.push(priority);
    const numbers: number[] = [];
    for (let index = 0; index < seed.windows; index += 1) {
      const number = windows.length + 1;
      numbers.push(number);
      windows.push({
        id: `window-${number}`,
        version: 1,
        number,
        departmentId: seed.id,
        // The first window of a department also calls the green channel.
        queueIds: index === 0 && priority ? [priority.id, regular.id] : [regular.id],
        // A few windows are closed (staff on leave); a department's first window is always open.
        open: index === 0 || !random.chance(0.12),
      });
    }
    windowNumbersByDepartment.set(seed.id, numbers);
  }

  const formIds = new Set(sampleForms.map((form) => form.id));
  const items: ServiceItem[] = itemSeeds.map((seed, index) => {
    const department = departments.find((entry) => entry.id === seed.departmentId);
    if (!department) throw new Error(`item ${seed.id}: unknown department ${seed.departmentId}`);
    const windowNumbers = windowNumbersByDepartment.get(seed.departmentId)!;
    return {
      id: seed.id,
      version: 1,
      code: `${sampleCountyCode}-${department.code}-${String(index + 1).padStart(3, '0')}`,
      departmentId: seed.departmentId,
      name: seed.name,
      ...pinyinKeys(seed.name['zh-Hans']),
      keywords: seed.keywords,
      lifeEventIds: seed.lifeEventIds,
      materials: seed.materials,
      timeLimitDays: seed.timeLimitDays,
      formId: formIds.has(seed.id) ? seed.id : null,
      windowNumbers,
      common: seed.common,
      guide: sampleGuide({
        itemId: seed.id,
        departmentId: seed.departmentId,
        name: seed.name,
        timeLimitDays: seed.timeLimitDays,
        form: sampleForms.find((form) => form.id === seed.id) ?? null,
      }),
    };
  });

  const lifeEvents: LifeEvent[] = Object.entries(lifeEventTexts).map(([id, texts]) => ({
    id,
    version: 1,
    name: texts.name,
    description: texts.description,
    itemIds: items.filter((item) => item.lifeEventIds.includes(id)).map((item) => item.id),
  }));

  // 一件事 bundles: one ticket at the integrated window, a code of the county's 一件事 series.
  const integratedWindows = windowNumbersByDepartment.get(integratedWindowDepartmentId);
  if (!integratedWindows) throw new Error(`no department ${integratedWindowDepartmentId} for the bundles`);
  const bundles: Bundle[] = bundleSeeds.map((seed, index) => ({
    ...seed,
    version: 1,
    code: `${sampleCountyCode}-YJS-${String(index + 1).padStart(3, '0')}`,
    windowNumbers: integratedWindows,
  }));

  // Validate on the way out: a sample that does not satisfy its own schema is a bug.
  return catalogueSchema.parse({
    version: sampleCatalogueVersion,
    hallName: sampleHallName,
    departments,
    windows,
    queues,
    items,
    lifeEvents,
    forms: [...sampleForms],
    bundles,
  });
}
