// The seed catalog of enforcement matters (执法事项): the shared base every agency's lists start
// from (domain/lists.ts), loaded into the database on first start (db/catalog.ts). Declared data.
import type { EnforcementMatter, ExclusionReason } from './catalog';

type MatterSeed = Omit<EnforcementMatter, 'excludedFromLeniency' | 'exclusionReason'>;

// Seed matters are frozen: they are shared module-level values and must never change under a caller.
const frozen = (matter: EnforcementMatter): EnforcementMatter =>
  Object.freeze({
    ...matter,
    lists: Object.freeze([...matter.lists]),
    benchmark: Object.freeze({ ...matter.benchmark }),
  });

const lenient = (seed: MatterSeed): EnforcementMatter => frozen({ ...seed, excludedFromLeniency: false });

/** Excluded matters are on no list, whatever else is said about them: enforced by construction. */
const excluded = (seed: Omit<MatterSeed, 'lists'>, exclusionReason: ExclusionReason): EnforcementMatter =>
  frozen({ ...seed, lists: [], excludedFromLeniency: true, exclusionReason });

const FIRST_AND_CORRECTED = '首次违法、危害后果轻微并及时改正 first violation, minor harm, corrected in time';
const REFUSES_TO_CORRECT = '责令改正后拒不改正 refuses to correct after the order';

/**
 * Seed catalog, modelled on published provincial lists (e.g. 上海、浙江、江苏 市场监管轻微违法
 * 免罚清单, 文旅 and 交通 包容审慎监管 lists). Article references are indicative of those lists;
 * an agency's legal office confirms them before going live (PUT /catalog/matters/{code}).
 */
export const SEED_MATTERS: readonly EnforcementMatter[] = Object.freeze([
  // 市场监管 market supervision
  lenient({
    code: 'MS-001',
    title: '未按规定将营业执照置于住所或者主要经营场所醒目位置',
    titleEn: 'Business licence not displayed at the premises',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三十六条、第四十八条第一款',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 30_000, factors: [FIRST_AND_CORRECTED, REFUSES_TO_CORRECT] },
  }),
  lenient({
    code: 'MS-002',
    title: '广告使用“国家级”“最高级”“最佳”等绝对化用语',
    titleEn: 'Absolute terms ("national-level", "best") in advertising',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国广告法》第九条第（三）项、第五十七条第（一）项',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 5,
    benchmark: {
      minFine: 200_000,
      maxFine: 1_000_000,
      factors: [
        FIRST_AND_CORRECTED,
        '仅在自有经营场所或商品包装使用 only on own premises or packaging',
        '传播范围 reach',
      ],
    },
  }),
  lenient({
    code: 'MS-003',
    title: '企业未按规定期限报送年度报告',
    titleEn: 'Annual report not filed on time',
    area: 'market_supervision',
    legalBasis: '《企业信息公示暂行条例》第八条、第十七条',
    lists: ['no_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 10,
    benchmark: {
      minFine: 0,
      maxFine: 0,
      factors: ['不罚款，列入经营异常名录 no fine: listed as abnormal until filed'],
    },
  }),
  lenient({
    code: 'MS-004',
    title: '市场主体未依照规定办理备案',
    titleEn: 'Registration filing (备案) not made, e.g. change of liaison person or articles',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第二十九条、第四十七条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 10,
    benchmark: { minFine: 0, maxFine: 50_000, factors: [FIRST_AND_CORRECTED, REFUSES_TO_CORRECT] },
  }),
  lenient({
    code: 'MS-005',
    title: '电子商务经营者未在首页显著位置持续公示营业执照信息',
    titleEn: 'Online seller does not show its licence information on its home page',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国电子商务法》第十五条、第七十六条第一款第（一）项',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 10_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'MS-006',
    title: '经营者未按照规定明码标价',
    titleEn: 'Prices not clearly marked',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国价格法》第十三条、第四十二条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 5_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'MS-007',
    title: '互联网广告不具有可识别性，未显著标明“广告”',
    titleEn: 'Online advertisement not marked as advertising',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国广告法》第十四条、第五十九条第三款',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 100_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'MS-008',
    title: '广告使用数据、统计资料等引证内容未表明出处',
    titleEn: 'Advertisement cites data without naming the source',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国广告法》第十一条第二款、第五十九条第一款',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 5,
    benchmark: { minFine: 0, maxFine: 100_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'MS-009',
    title: '将未注册商标冒充注册商标使用',
    titleEn: 'Unregistered mark presented as registered',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国商标法》第五十二条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 10,
    benchmark: {
      minFine: 0,
      maxFine: 10_000,
      factors: [
        FIRST_AND_CORRECTED,
        '违法经营额五万元以上的，处违法经营额百分之二十以下 turnover from 50,000: up to 20%',
      ],
    },
  }),
  lenient({
    code: 'MS-010',
    title: '使用未按照规定申请检定的计量器具',
    titleEn: 'Trade measuring instrument used without mandatory verification',
    area: 'market_supervision',
    legalBasis: '《中华人民共和国计量法》第九条，《中华人民共和国计量法实施细则》第四十三条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 5,
    benchmark: { minFine: 0, maxFine: 1_000, factors: [FIRST_AND_CORRECTED] },
  }),
  excluded(
    {
      code: 'MS-011',
      title: '突发事件期间哄抬价格',
      titleEn: 'Price gouging during a declared emergency',
      area: 'market_supervision',
      legalBasis: '《中华人民共和国价格法》第十四条第（三）项、第四十条，《价格违法行为行政处罚规定》第六条',
      defaultRectificationWorkingDays: 1,
      benchmark: { minFine: 50_000, maxFine: 500_000 },
    },
    'emergency_exploitation',
  ),

  // 文化旅游 culture and tourism
  lenient({
    code: 'CT-001',
    title: '旅行社及其分社未在经营场所显著位置悬挂旅行社业务经营许可证',
    titleEn: 'Travel agency does not display its operating permit',
    area: 'culture_tourism',
    legalBasis: '《旅行社条例实施细则》第二十六条、第五十六条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 10_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'CT-002',
    title: '导游人员进行导游活动时未佩戴导游证',
    titleEn: 'Tour guide working without wearing the guide card',
    area: 'culture_tourism',
    legalBasis: '《导游人员管理条例》第八条、第二十一条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 1,
    benchmark: { minFine: 0, maxFine: 500, factors: [REFUSES_TO_CORRECT] },
  }),
  lenient({
    code: 'CT-003',
    title: '互联网上网服务营业场所未悬挂《网络文化经营许可证》或者未成年人禁入标志',
    titleEn: 'Internet café does not display its licence or the no-minors sign',
    area: 'culture_tourism',
    legalBasis: '《互联网上网服务营业场所管理条例》第三十一条第（五）项',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 0, maxFine: 15_000, factors: [FIRST_AND_CORRECTED] },
  }),

  // 交通运输 transport
  lenient({
    code: 'TR-001',
    title: '道路运输经营者不按照规定随车携带车辆营运证',
    titleEn: 'Road transport vehicle without its operating certificate on board',
    area: 'transport',
    legalBasis: '《中华人民共和国道路运输条例》第六十八条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 3,
    benchmark: { minFine: 20, maxFine: 200, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'TR-002',
    title: '在公路用地范围内设置公路标志以外的其他标志',
    titleEn: 'Non-road signs set up on highway land',
    area: 'transport',
    legalBasis: '《中华人民共和国公路法》第五十四条、第七十九条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 10,
    benchmark: { minFine: 0, maxFine: 20_000, factors: [FIRST_AND_CORRECTED, '限期拆除 removal ordered'] },
  }),
  lenient({
    code: 'TR-003',
    title: '在公路上及公路用地范围内摆摊设点、堆放物品影响公路畅通',
    titleEn: 'Stalls or goods on the highway obstructing traffic',
    area: 'transport',
    legalBasis: '《中华人民共和国公路法》第四十六条、第七十七条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 2,
    benchmark: { minFine: 0, maxFine: 5_000, factors: [FIRST_AND_CORRECTED] },
  }),
  excluded(
    {
      code: 'TR-004',
      title: '车辆违法超限运输',
      titleEn: 'Overloaded goods vehicle on the highway',
      area: 'transport',
      legalBasis: '《公路安全保护条例》第三十三条、第六十四条',
      defaultRectificationWorkingDays: 1,
      benchmark: { minFine: 0, maxFine: 30_000 },
    },
    'high_risk',
  ),

  // 城市管理 urban management
  lenient({
    code: 'UM-001',
    title: '擅自设置户外招牌',
    titleEn: 'Outdoor shop sign put up without approval',
    area: 'urban_management',
    legalBasis: '《城市市容和环境卫生管理条例》第十一条，地方市容环境卫生管理条例',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 10,
    benchmark: { minFine: 500, maxFine: 5_000, factors: [FIRST_AND_CORRECTED, '招牌面积 sign area'] },
  }),
  lenient({
    code: 'UM-002',
    title: '超出门窗和外墙经营（店外经营）',
    titleEn: 'Trading outside the shop front',
    area: 'urban_management',
    legalBasis: '《城市市容和环境卫生管理条例》第十四条，地方市容环境卫生管理条例',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 1,
    benchmark: { minFine: 0, maxFine: 1_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'UM-003',
    title: '未经批准在城市建筑物、设施上张挂、张贴宣传品',
    titleEn: 'Posters or banners on buildings without approval',
    area: 'urban_management',
    legalBasis: '《城市市容和环境卫生管理条例》第十七条，地方市容环境卫生管理条例',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 2,
    benchmark: { minFine: 0, maxFine: 1_000, factors: [FIRST_AND_CORRECTED] },
  }),
  lenient({
    code: 'UM-004',
    title: '单位未按照规定分类投放生活垃圾',
    titleEn: 'Business does not sort household waste',
    area: 'urban_management',
    legalBasis: '《中华人民共和国固体废物污染环境防治法》第四十九条，地方生活垃圾管理条例',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
    defaultRectificationWorkingDays: 5,
    benchmark: { minFine: 5_000, maxFine: 50_000, factors: [FIRST_AND_CORRECTED, REFUSES_TO_CORRECT] },
  }),

  // 商务 commerce
  lenient({
    code: 'CM-001',
    title: '发卡企业未按规定办理单用途商业预付卡备案',
    titleEn: 'Prepaid store-card issuer not registered with commerce authority',
    area: 'commerce',
    legalBasis: '《单用途商业预付卡管理办法（试行）》第七条、第三十六条',
    lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 10,
    benchmark: {
      minFine: 10_000,
      maxFine: 30_000,
      factors: ['逾期仍不改正的才处罚款 fined only if not corrected by the deadline'],
    },
  }),
  lenient({
    code: 'CM-002',
    title: '特许人未依照规定向商务主管部门备案',
    titleEn: 'Franchisor not filed with commerce authority',
    area: 'commerce',
    legalBasis: '《商业特许经营管理条例》第八条、第二十五条',
    lists: ['lighter_penalty', 'mitigated_penalty', 'no_coercion'],
    defaultRectificationWorkingDays: 15,
    benchmark: {
      minFine: 10_000,
      maxFine: 50_000,
      factors: ['逾期仍不备案 still not filed after the deadline: 50,000-100,000'],
    },
  }),

  // 食品药品 food and drugs (excluded area)
  excluded(
    {
      code: 'FD-001',
      title: '经营超过保质期的食品',
      titleEn: 'Selling food past its shelf life',
      area: 'food_drugs',
      legalBasis: '《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条第一款第（五）项',
      defaultRectificationWorkingDays: 1,
      benchmark: { minFine: 50_000, maxFine: 100_000, factors: ['货值金额不足一万元 goods worth under 10,000'] },
    },
    'excluded_area',
  ),
  excluded(
    {
      code: 'FD-002',
      title: '未取得食品经营许可从事食品经营活动',
      titleEn: 'Food business without a food business licence',
      area: 'food_drugs',
      legalBasis: '《中华人民共和国食品安全法》第三十五条、第一百二十二条第一款',
      defaultRectificationWorkingDays: 1,
      benchmark: { minFine: 50_000, maxFine: 100_000, factors: ['货值金额不足一万元 goods worth under 10,000'] },
    },
    'excluded_area',
  ),

  excluded(
    {
      code: 'FD-003',
      title: '销售农药残留超过食品安全标准限量的食用农产品',
      titleEn: 'Selling produce with pesticide residue above the food-safety limit',
      area: 'food_drugs',
      legalBasis: '《中华人民共和国食品安全法》第三十四条第（二）项、第一百二十四条第一款第（一）项、第一百三十六条',
      defaultRectificationWorkingDays: 1,
      benchmark: {
        minFine: 50_000,
        maxFine: 100_000,
        factors: [
          '履行了进货查验等义务并如实说明进货来源的，可以免予处罚 purchase checks done and supplier named: may be exempted (art. 136)',
        ],
      },
    },
    'excluded_area',
  ),

  // 生态环境 ecology and environment (excluded area)
  excluded(
    {
      code: 'EE-001',
      title: '超过大气污染物排放标准排放大气污染物',
      titleEn: 'Air emissions above the discharge standard',
      area: 'ecology_environment',
      legalBasis: '《中华人民共和国大气污染防治法》第十八条、第九十九条第（二）项',
      defaultRectificationWorkingDays: 10,
      benchmark: { minFine: 100_000, maxFine: 1_000_000 },
    },
    'excluded_area',
  ),
  excluded(
    {
      code: 'EE-002',
      title: '未取得排污许可证排放污染物',
      titleEn: 'Discharging pollutants without a discharge permit',
      area: 'ecology_environment',
      legalBasis: '《排污许可管理条例》第二条、第三十三条第（一）项',
      defaultRectificationWorkingDays: 10,
      benchmark: { minFine: 200_000, maxFine: 1_000_000 },
    },
    'excluded_area',
  ),

  // 安全生产 work safety (excluded area)
  excluded(
    {
      code: 'WS-001',
      title: '未按照规定对从业人员进行安全生产教育和培训',
      titleEn: 'Workers not given safety training',
      area: 'work_safety',
      legalBasis: '《中华人民共和国安全生产法》第二十八条、第九十七条第（三）项',
      defaultRectificationWorkingDays: 10,
      benchmark: { minFine: 0, maxFine: 100_000 },
    },
    'excluded_area',
  ),
  excluded(
    {
      code: 'WS-002',
      title: '未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志',
      titleEn: 'No safety warning signs at hazardous sites or equipment',
      area: 'work_safety',
      legalBasis: '《中华人民共和国安全生产法》第三十五条、第九十九条第（一）项',
      defaultRectificationWorkingDays: 3,
      benchmark: { minFine: 0, maxFine: 50_000 },
    },
    'excluded_area',
  ),

  // 公共卫生 public health (excluded area)
  excluded(
    {
      code: 'PH-001',
      title: '安排未获得有效健康合格证明的从业人员从事直接为顾客服务工作',
      titleEn: 'Public-venue staff serving customers without a valid health certificate',
      area: 'public_health',
      legalBasis: '《公共场所卫生管理条例实施细则》第十条、第三十八条',
      defaultRectificationWorkingDays: 5,
      benchmark: { minFine: 500, maxFine: 5_000 },
    },
    'excluded_area',
  ),

  // 劳动保障 labour protection (excluded area)
  excluded(
    {
      code: 'LP-001',
      title: '用人单位违反规定延长劳动者工作时间',
      titleEn: 'Working hours extended beyond the legal limit',
      area: 'labour_protection',
      legalBasis: '《中华人民共和国劳动法》第四十一条，《劳动保障监察条例》第二十五条',
      defaultRectificationWorkingDays: 5,
      benchmark: {
        minFine: 100,
        maxFine: 500,
        factors: ['按每名劳动者每超过工作时间1小时计 per worker per hour over the limit'],
      },
    },
    'excluded_area',
  ),
]);
