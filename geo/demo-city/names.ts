/**
 * Plausible Chinese names for synthetic places and people. Built from common stems so that they read
 * naturally (社区, 村, 路, 街, 巷…); uniqueness is kept by the caller's `taken` set.
 */
import type { Rng } from '../random/prng';

const PLACE_STEMS = [
  '金陵', '钟山', '秦淮', '紫金', '龙江', '清凉', '莫愁', '凤凰', '长江', '玄武', '鸡鸣', '石城', '白下', '江宁',
  '桃园', '梅园', '兰园', '竹园', '松岗', '杨柳', '翠屏', '碧波', '青石', '锦绣', '和平', '幸福', '光华', '红山',
  '瑞金', '双塘', '月牙', '南湖', '北湖', '东升', '西华', '新民', '兴隆', '富康', '安德', '仁和', '嘉园', '朝阳',
  '平安', '长乐', '永丰', '友谊', '建宁', '热河', '宝塔', '万寿', '龙王', '仙鹤', '麒麟', '汤泉', '马鞍', '石湫',
  '青龙', '白云', '黄山', '桂花', '丁家', '王家', '李家', '张家', '陈家', '刘家', '周家', '吴家', '赵家', '孙家',
  '杨庄', '高庄', '朱村', '徐巷', '胡桥', '唐山', '何庄', '沈湾', '宋圩', '谢岗', '邓冲', '曹塘', '许湾', '石桥',
  '新河', '上坊', '下庄', '前进', '后塘', '中和', '太平', '迎春', '花园', '书香', '芳草', '湖滨', '滨江', '江畔',
  '银杏', '香樟', '紫荆', '玉兰', '枫林', '柏树', '荷塘', '芦苇', '沙洲', '洲岛', '三元', '四方', '五福', '六合',
];
const COMMUNITY_SUFFIX_URBAN = ['', '', '', '新村', '花园', '苑', '里', '家园'];
const ROAD_SUFFIX = ['路', '路', '路', '街', '大道', '巷', '西路', '东路', '南路', '北路'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅建国志伟海燕文斌雪琴晓东丹晨宇浩然欣怡佳琪子涵梓轩俊峰振华春生秋菊';

function unique(taken: Set<string>, make: () => string): string {
  for (let i = 0; i < 200; i++) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // Crowded: real places then get a direction or 新/老 in front (东X社区, 新X村), and a number as last resort.
  const base = make();
  for (const prefix of ['东', '西', '南', '北', '新', '老', '上', '下', '前', '后']) {
    if (!taken.has(prefix + base)) {
      taken.add(prefix + base);
      return prefix + base;
    }
  }
  let k = 2;
  while (taken.has(`${k}${base}`)) k++;
  taken.add(`${k}${base}`);
  return `${k}${base}`;
}

export function communityName(rng: Rng, kind: 'community' | 'village', taken: Set<string>): string {
  return unique(taken, () =>
    kind === 'village' ? `${rng.pick(PLACE_STEMS)}村` : `${rng.pick(PLACE_STEMS)}${rng.pick(COMMUNITY_SUFFIX_URBAN)}社区`,
  );
}

export function roadName(rng: Rng, taken: Set<string>): string {
  return unique(taken, () => `${rng.pick(PLACE_STEMS)}${rng.pick(ROAD_SUFFIX)}`);
}

export function personName(rng: Rng): string {
  const given = rng.chance(0.6) ? rng.pick([...GIVEN]) + rng.pick([...GIVEN]) : rng.pick([...GIVEN]);
  return rng.pick([...SURNAMES]) + given;
}

/** A mainland mobile number, synthetic (the 199 0000 block is never used for real subscribers here). */
export function phoneNumber(rng: Rng): string {
  return `1${rng.pick(['39', '38', '37', '58', '87', '89', '77'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function unitName(rng: Rng, type: 'school' | 'hospital' | 'park' | 'market' | 'elderly_home' | 'religious' | 'construction' | 'hazardous_chemicals', taken: Set<string>): string {
  const stem = () => rng.pick(PLACE_STEMS);
  const make: Record<typeof type, () => string> = {
    school: () => `南京市${stem()}${rng.pick(['小学', '中学', '实验学校', '初级中学', '高级中学', '幼儿园'])}`,
    hospital: () => `南京市${stem()}${rng.pick(['医院', '中医院', '社区卫生服务中心', '妇幼保健院', '人民医院'])}`,
    park: () => `${stem()}${rng.pick(['科技园', '产业园', '工业园', '创新园', '物流园'])}`,
    market: () => `${stem()}${rng.pick(['农贸市场', '菜场', '综合市场', '批发市场'])}`,
    elderly_home: () => `${stem()}${rng.pick(['养老院', '颐养中心', '老年公寓', '敬老院'])}`,
    religious: () => `${stem()}${rng.pick(['寺', '教堂', '清真寺', '道观'])}`,
    construction: () => `${stem()}${rng.pick(['地块项目', '安置房工程', '地铁站施工', '商业综合体工程'])}`,
    hazardous_chemicals: () => `${stem()}${rng.pick(['加油站', '化工仓库', '液化气站', '危化品储运站'])}`,
  };
  return unique(taken, make[type]);
}
