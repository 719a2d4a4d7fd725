package promise

import "slices"

// The Chinese lexicon. Every word is in folded form (Simplified, lower case), so one rule serves
// Simplified, Traditional and Cantonese text: 醫得好 folds to 医得好, 冇風險 to 冇风险.

// Word families shared by several rules.
var (
	// zhFunctions are abilities a treatment is said to give back (恢复视力, 重拾活力).
	zhFunctions = []string{"视力", "听力", "听觉", "光明", "行走", "走路", "行动", "活力", "青春", "记忆",
		"语言", "说话", "自理", "知觉", "感觉", "嗅觉", "味觉", "生育", "元气", "精力", "体力", "生机",
		"弹性", "自信", "自由", "健康", "功能"}
	zhRegain = []string{"恢复", "重拾", "重获", "找回", "重新获得", "重新拥有"}
	// zhBurdens are the treatments and aids a patient is promised to be rid of.
	zhBurdens = []string{"胰岛素", "透析", "洗肾", "降压药", "降糖药", "降血压药", "药", "打针", "轮椅",
		"拐杖", "助行器", "氧气", "呼吸机", "助听器", "眼镜", "手术", "开刀", "置换", "激素"}
	// zhFreedFrom introduce a burden or an ailment the patient will be rid of (再也不用打胰岛素,
	// 从此告别疼痛, 再都唔使食药). They start the cue, so their own 不 is no negator.
	zhFreedFrom = []string{"再也不用", "再也不需要", "再也不必", "再不用", "不用再", "不需要再", "不必再",
		"无需再", "不再需要", "不再依赖", "唔使再", "再都唔使", "再唔使", "再也唔使", "告别", "摆脱"}
	// zhDiscard throw an aid or a treatment away (扔掉氧气瓶, 离开轮椅).
	zhDiscard  = []string{"扔掉", "丢掉", "甩掉", "戒掉", "离开", "脱离"}
	zhAilments = []string{"痛", "病", "症", "癌", "瘤", "炎", "折磨", "困扰", "烦恼", "苦", "失眠", "疲劳", "衰老",
		"失明", "瘫痪", "喘", "麻木", "抑郁"}
	// zhHarms are what a safety promise says will never happen.
	zhHarms = []string{"风险", "副作用", "不良反应", "排异", "排斥", "并发症", "后遗症", "过敏", "危险", "伤害"}
	// zhNone deny every harm directly before it (冇风险, 没有任何副作用); zhNoneWill deny that it
	// will occur (不会有任何排异反应); zhNoneEver quantify over patients or years and so reach
	// further (从来没有一个患者…出现过不良反应).
	zhNone = []string{"没有", "冇", "无", "零", "毫无", "绝无", "没有任何", "没有什么", "冇任何", "无任何",
		"完全没有", "绝对没有", "完全冇", "完全无"}
	zhNoneWill = []string{"不会有", "不会出现", "不会产生", "不会引起", "不会发生", "不会带来", "唔会有",
		"唔会出现", "绝不会有"}
	zhNoneEver = []string{"从来没有", "从来冇", "从未有", "从没有", "从未出现", "从未发生", "从未引起", "从没出现",
		"从没发生", "从来没出现", "从来没发生", "没有一个", "没有一例", "无一例"}
	// zhThirdParty: a harm denied to a donor or a baby is not a promise to the patient
	// ("脐带血对供者没有风险").
	zhThirdParty = []string{"供者", "捐献者", "捐赠者", "供体", "母亲", "母婴", "产妇", "婴儿", "新生儿", "宝宝"}
	// zhAfterTreatment and zhRegained make a testimonial: a treatment, then in a later clause
	// an ability the patient regained (打完干细胞,三个月就识讲嘢).
	zhAfterTreatment = []string{"打完", "打了", "做完", "做了", "输完", "回输后", "回输以后", "回输之后",
		"输注后", "输注以后", "输注之后", "注射后", "注射以后", "注射之后", "治疗后", "治疗以后", "治疗之后",
		"疗程后", "干细胞后", "干细胞以后", "干细胞之后", "打针后", "针下去", "治了", "治疗了", "用了", "打咗",
		"做咗", "输咗", "用咗", "治咗"}
	zhRegained = []string{"会说话", "能说话", "开口说话", "开口叫", "识讲", "讲到嘢", "会走", "能走", "可以走",
		"能下地", "下地走", "行得路", "行得返", "站起来", "站得起", "企得起", "能站", "能跑", "会跑", "认得人", "看得见",
		"看得到", "睇到嘢", "睇得见", "睇得清", "听得见", "听得到", "不痛了", "不疼了", "唔痛", "全好了", "好晒", "好返",
		"康复了", "恢复了", "正常了", "停了药", "停药了", "不用吃药", "消失了", "能正常", "可以正常",
		"现在能", "现在可以", "现在会", "而家识", "而家可以", "而家能", "终于能", "终于可以", "终于会", "已经能",
		"已经可以", "已经会"}
	// zhQuick are time bounds in a result claim (一个疗程就见效, 即刻消失, 三天就能下地).
	// A symptom that fades "in a few days" may be a side effect; only an instant one is hype.
	zhInstant = []string{"即刻", "马上", "立刻", "立即", "当场"}
	zhQuick   = []string{"很快就", "一次就", "疗程就", "针就", "天就", "周就", "星期就", "个月就", "次就"}
	zhQuickB  = []string{"见效", "好转", "康复", "痊愈", "能走", "会走", "会说", "能说", "识讲", "行得路",
		"行得返", "站起", "下地", "不痛", "唔痛", "开口", "说话", "年轻", "变黑", "改善", "恢复", "好返"}
	// zhMost: most or all patients improved.
	zhMost = []string{"几乎都", "几乎全部", "几乎所有", "全部都", "绝大多数", "大多数", "大部分", "九成", "八成",
		"个个都", "人人都", "无一例外", "百分之九十"}
	zhImproved = []string{"好转", "康复", "痊愈", "见效", "有效", "受益", "明显改善", "显著改善", "好了", "好返"}
)

// zhRules are matched on folded text with plain substring search, indexed by their first rune
// (see rule), which keeps the guard fast on every answer.
var zhRules = slices.Concat(
	// Outcome: cure, recovery, reversal, regeneration.
	lit(Outcome, "治愈", "根治", "痊愈", "治好", "医好", "医得好", "治得好", "断根", "除根", "根除", "康复如初",
		"恢复如初", "彻底康复", "彻底恢复", "彻底摆脱", "彻底解决", "彻底治", "彻底告别", "永不复发",
		"不再复发", "永久有效", "永久改善", "永久修复", "替代受损", "再生受损", "再生损伤", "重获新生", "自愈能力",
		"药到病除", "一针见效", "立竿见影", "包治", "百病", "修复作用", "再生作用", "修复能力", "再生能力",
		"修复特性", "再生特性", "修复和再生", "修复与再生", "修复、再生", "修复或再生", "修复及再生",
		// walk, see and hear again; organs regrown (Cantonese X得返 = able to X again)
		"重见光明", "行得返", "行返路", "企返起身", "企得返", "睇得返", "听得返", "讲得返", "好返晒", "医好晒", "一劳永逸",
		"换成健康", "变成健康", "替换成新", "长出新"),
	unless(lit(Outcome, "逆转"), "趋势", "局面", "形势", "颓势", "判决", "比分", "战局", "败局", "下滑", "政策"),
	[]rule{
		near(Outcome, "修复", "受损", 4), near(Outcome, "修复", "损伤", 4), near(Outcome, "修复", "坏死", 4),
		near(Outcome, "修复", "衰老", 4), near(Outcome, "修复", "病变", 4), near(Outcome, "促进", "修复", 6),
		near(Outcome, "促进", "再生", 6),
		near(Outcome, "治疗多种", "疾病", 4), near(Outcome, "治疗各种", "疾病", 4),
		near(Outcome, "治疗许多", "疾病", 4), near(Outcome, "治疗更多", "疾病", 4), near(Outcome, "治疗所有", "疾病", 4),
		near(Outcome, "再造", "新", 3), near(Outcome, "再造", "一个", 1),
		near(Hype, "改变", "治疗模式", 8), near(Hype, "前景", "广阔", 4), near(Hype, "带来", "希望", 4),
	},
	soft([]rule{near(Hype, "取得", "进展", 4), near(Outcome, "促进", "恢复", 6)}),
	// the root of the disease removed (从根源上解决)
	nearAny(Outcome, []string{"从根源", "从根本上", "根源上"}, []string{"解决", "治", "消除", "根除", "改善"}, 4),
	lit(Outcome, "标本兼治"),
	// a function greatly improved (运动功能大幅提高)
	soft(treated(nearAny(Outcome, zhFunctions, []string{"大幅", "明显", "显著", "大大", "彻底", "完全"}, 2))),
	// everyone benefits (人人都能从中获益)
	nearAny(Guarantee, []string{"人人都", "每个人都", "所有人都", "任何人都", "所有患者都", "每位患者都"},
		[]string{"获益", "受益", "见效", "康复", "好转", "治好", "恢复", "改善", "有效"}, 12),
	// Walking, seeing, growing again, and regained abilities: ordinary words in rehabilitation
	// and after-care ("术后恢复体力", "化疗后头发重新长出来"), so only with a treatment named.
	treated(nearAny(Outcome, []string{"重新"}, []string{"长出", "生长", "长大", "长", "站", "走", "行走", "站立", "听见",
		"听到", "看见", "看到", "看清", "说话", "开口", "行得", "行路", "企", "跑", "跳"}, 0)),
	treated(nearAny(Outcome, zhRegain, zhFunctions, 4)),
	treated(nearAny(Outcome, []string{"恢复"}, []string{"正常", "健康"}, 6)),
	nearAny(Outcome, []string{"令", "让", "使", "帮助"}, []string{"重生"}, 8),
	nearAny(Outcome, []string{"攻克"}, []string{"病", "症", "癌", "艾滋"}, 8),
	// The body boosted (改善微环境, 增强免疫力); soft, as a study may report a measured change.
	soft(nearAny(Outcome, []string{"改善", "优化", "激活", "增强", "提高", "提升"}, []string{"微环境", "免疫力",
		"抵抗力", "体质", "机能", "新陈代谢"}, 6)),
	// Not coming back after treatment (唔会再发作); soft, as a study may report it.
	soft(nearAny(Outcome, []string{"不会再", "唔会再", "再也不会", "再也没有", "再没有", "没有再", "冇再",
		"再冇", "永远不会", "不再"}, []string{"发作", "复发", "犯病", "发病", "恶化", "痛", "疼", "折磨", "困扰"}, 4)),
	// Rid of a treatment, an aid or an ailment (再也不用打胰岛素, 从此告别疼痛, 扔掉氧气瓶).
	soft(nearAny(Outcome, zhFreedFrom, slices.Concat(zhBurdens, zhAilments), 6)),
	soft(treated(nearAny(Outcome, zhDiscard, zhBurdens, 4))),
	soft(treated(nearAny(Outcome, []string{"唔使", "不用", "无须", "无需", "免去", "免除"}, zhBurdens, 3))),
	// Testimonials: after the treatment (a stem-cell one, not 打完疫苗), the patient regained an
	// ability.
	soft(treated(later(Outcome, zhAfterTreatment, zhRegained))),
	// Time-bounded results.
	nearAny(Outcome, zhQuick, zhQuickB, 4),
	nearAny(Outcome, zhInstant, append([]string{"消失", "不见"}, zhQuickB...), 4),
	// Anti-ageing.
	lit(Outcome, "返老还童", "逆龄", "冻龄", "延年益寿", "重返青春", "重回青春", "青春永驻", "逆生长", "减龄",
		"一扫而空"),
	nearAny(Outcome, []string{"白发", "白头发", "白头"}, []string{"变黑", "转黑", "变返黑", "黑返", "变回黑"}, 4),
	[]rule{near(Outcome, "年轻", "岁", 3), near(Outcome, "年轻", "年", 3)},
	nearAny(Outcome, []string{"回到", "重返", "重回"}, []string{"岁"}, 4),
	nearAny(Outcome, []string{"回到", "恢复"}, []string{"年轻", "青春"}, 2),
	nearAny(Outcome, []string{"皱纹", "白发", "色斑"}, []string{"消失", "一扫而空", "不见", "抚平", "全无"}, 6),
	// Hype, including hedged hype (前途无量, 终极方案).
	lit(Hype, "福音", "不可限量", "广阔的前景", "广阔前景", "新希望", "突破性", "革命", "划时代", "神奇",
		"奇迹", "神药", "灵丹妙药", "特效", "无限可能", "重大突破", "巨大潜力", "前途无量", "前景无限",
		"奇效", "神效", "难以置信", "被誉为", "希望之光", "曙光", "救星", "最后的希望", "唯一的希望", "唯一希望",
		"焕然一新", "脱胎换骨"),
	nearAny(Hype, []string{"终极"}, []string{"方案", "疗法", "武器", "解决", "治疗", "手段", "答案"}, 2),
	// Guarantees: outright, money back if it fails (治不好不收钱), safe for everyone.
	lit(Guarantee, "保证", "担保", "承诺", "确保疗效", "确保效果", "确保有效", "包好", "无效退款", "不满意退款",
		"包你", "包您", "包冇事", "包没事", "包无事", "包医",
		"没有副作用", "没有任何副作用", "无副作用", "无任何副作用", "无毒副作用", "零风险", "零副作用",
		"绝对安全", "百分百安全", "安全无毒", "完全安全", "纯天然", "放心使用", "放心接受", "放心治疗",
		"放心打", "放心做", "安心使用", "老少皆宜", "人人适用", "适合所有人", "任何人都适合", "人人都适合"),
	[]rule{near(Guarantee, "确保", "有效", 4)},
	nearAny(Guarantee, []string{"对所有", "对每个", "对每一位", "对任何", "对每一个"}, []string{"有效", "见效", "适用"}, 8),
	later(Guarantee, []string{"无效", "治不好", "医不好", "治唔好", "医唔好", "没效果", "冇效", "不满意", "唔满意",
		"不见效", "唔见效", "没有效果"}, []string{"不收", "唔收", "退款", "退钱", "全额", "全数", "免费", "返还", "退还"}),
	// Safety promised by denying every harm; soft, as a trial may report "没有任何严重不良反应".
	soft(unless(nearAny(Guarantee, zhNone, zhHarms, 0), zhThirdParty...)),
	soft(unless(nearAny(Guarantee, zhNoneWill, zhHarms, 4), zhThirdParty...)),
	soft(unless(nearAny(Guarantee, zhNoneEver, zhHarms, 15), zhThirdParty...)),
	// Rates, and most patients improving.
	lit(Rate, "有效率", "治愈率", "成功率", "好转率", "显效率", "百分之百", "100%", "100 %"),
	nearAny(Rate, zhMost, zhImproved, 12),
	soft(later(Rate, []string{"很多患者", "许多患者", "不少患者", "很多病人", "好多病人", "好多患者"}, zhImproved)),
	// thousands of patients helped (已帮助数千名患者恢复健康); soft, as a registry may count them.
	soft(nearAny(Rate, []string{"百名", "千名", "万名", "成千上万", "无数"}, []string{"恢复", "康复", "痊愈", "好转",
		"受益", "重获", "摆脱", "治愈", "重新"}, 8)),
	soft(nearAny(Rate, []string{"%的患者", "%的病人", "%以上的患者", "%以上患者", "%患者", "成患者", "成的患者"},
		zhImproved, 10)),
)

// Efficacy claims: a treatment word, then within claimModalGap runes an ability word, then within
// claimVerbGap runes an outcome verb; or 帮助 directly followed by an outcome verb.
var (
	claimSubjects = []string{"干细胞", "细胞", "回输", "输注", "注射", "疗法", "这种治疗", "该治疗", "移植"}
	claimModals   = []string{"能够", "能", "可以", "可", "将会", "将能", "将可", "会", "有望", "可望", "帮助", "有助于", "从而", "得以"}
	// Single-character modals inside ordinary words are not modals: 学会, 功能, 可能, 许可…
	notModalBefore = map[string]string{"会": "学协员机社大年开聚宴晚", "能": "功可技本性体智潜动职效不", "可": "许认不即"}
	notModalAfter  = map[string]string{"会": "议员长计诊", "能": "力量否源", "可": "能靠疑信是判行", "可以": "是"}
	claimVerbs     = []string{"修复", "再生", "恢复", "治疗", "改善", "减轻", "减少", "缓解", "增强", "提高", "重建",
		"替代", "控制", "促进", "延缓", "消除", "摆脱", "激活", "唤醒", "好转", "再造", "重生", "长出", "替换",
		"阻止", "治"}
)

const (
	claimModalGap = 18
	claimVerbGap  = 25
	claimVerbNear = 8
)

// Honest context.
var (
	// zhNegators scope over the rest of their clause. Question forms (能不能, 可唔可以, 是否) and
	// Cantonese negators (冇, 唔会, 唔系, 未有) count: a question or a denial promises nothing.
	zhNegators = []string{"不能", "不会", "不可能", "并不", "并非", "不是", "没有", "没能", "未被", "未能", "未经",
		"未见", "未发现", "未显示", "未证实", "未证明", "未达到", "未获", "尚未", "从未", "无法", "难以", "不一定",
		"不要", "别", "不应", "不得", "勿", "绝不", "缺乏", "不足以", "不代表", "不等于", "不意味着", "谈不上",
		"不存在", "不支持", "并未", "未必", "未有", "冇", "唔会", "唔系", "唔可以", "唔能", "唔一定", "唔好",
		"唔代表", "无人", "没人", "渴望", "盼望", "梦想", "希望能", "希望可以", "希望自己", "希望孩子",
		"希望重新", "是否", "能否", "可否", "有无", "有没有", "有冇", "可不可以", "可唔可以",
		"会不会", "会唔会", "是不是", "系唔系", "得唔得", "医唔医", "治不治"}
	// zhNotNegators are words that contain a negator but negate nothing (特别有效, 告别疼痛,
	// 难以置信的效果).
	zhNotNegators = []string{"特别", "区别", "个别", "分别", "类别", "级别", "性别", "识别", "告别", "辨别", "差别",
		"鉴别", "离别", "别人", "别的", "难以置信", "无人机"}
	// zhNegRunes negate a cue they directly precede (不会说话, 没好转, 无治愈方法).
	zhNegRunes = "不没未冇唔无莫勿非"
	// zhEvidenceNeg negate the whole sentence.
	zhEvidenceNeg = []string{"没有证据", "没有任何证据", "没有可靠证据", "没有可靠的证据", "没有足够证据",
		"没有足够的证据", "没有充分证据", "没有科学证据", "尚无证据", "尚无可靠", "尚无充分", "并无证据", "无证据",
		"缺乏证据", "缺乏可靠", "缺少证据", "未被证明", "未被证实", "未证明", "未证实", "尚未证明", "尚未证实",
		"没有被证明", "没有证明", "没有证实", "并未证明", "不能证明", "未经证实", "未有证据", "未有可靠",
		"冇证据", "冇可靠", "无法证实", "无法核实", "无从证实", "无法验证", "证据不足", "证据薄弱", "证据有限",
		"证据很弱", "证据质量低", "证据等级低",
		// a promise that failed
		"未兑现", "没有兑现", "没兑现", "落空"}
	// zhAttribution marks the claim as someone else's, to be distrusted.
	zhAttribution = []string{"声称", "宣称", "号称", "所谓", "宣传", "广告", "鼓吹", "吹嘘", "打着", "自称", "标榜",
		"自诩", "说法", "骗局", "骗人", "虚假", "不实", "谎言", "误导", "夸大", "警惕", "小心", "谨慎对待", "可疑",
		"不可信", "不要相信", "别相信", "诱导", "话术", "营销", "招揽", "推销", "流传", "传言", "谣言", "噱头",
		"如果有人", "若有人", "有人说", "有人告诉", "据称", "听说", "据说", "听人说", "起疑", "怀疑", "当心",
		"提防", "防范", "挂在嘴边", "字眼", "用语", "口号", "这句话"}
	// zhQuestionEnds end a yes/no question (…吗?); zhDoubt asks whether a hearsay claim is true.
	zhQuestionEnds = "吗么咩嘛呢"
	zhDoubt        = []string{"是真的吗", "真的吗", "是不是真的", "系咪真", "系唔系真"}
	// zhReport: a sentence that reports what a study found is not a soft claim (strong cues
	// such as 治愈 still count): "作者报告细胞组评分改善更多".
	zhReport = []string{"报告", "报道", "发现", "显示", "指出", "认为", "综述", "试验", "研究", "荟萃分析", "作者", "统计", "结果"}
	// zhReported and zhRefuted: a promise someone made that the sentence says failed
	// ("医生说能治好,结果一点用都没有").
	zhReported = []string{"说", "告诉", "承诺", "以为", "答应"}
	zhRefuted  = []string{"但", "结果", "可是", "却", "然而", "可惜"}
	zhFailed   = []string{"没有", "没", "毫无", "无效", "冇", "不见", "恶化", "更差", "反而"}
	// zhEstablished: a blood stem-cell transplant for some blood diseases is the one proven use,
	// and saying so narrowly (部分, 一些) is no promise ("造血干细胞移植可以治疗部分白血病").
	zhEstablished = [3][]string{
		{"造血干细胞移植", "骨髓移植", "脐带血移植", "外周血干细胞移植"},
		{"白血病", "淋巴瘤", "骨髓瘤", "血癌", "血液", "地中海贫血", "再生障碍性贫血", "免疫缺陷"},
		{"部分", "一些", "某些", "少数", "特定"},
	}
	// zhNature and zhTreatment: regeneration in animals or a healthy organ is biology, not a
	// promise, unless a treatment is named ("蝾螈的肢体再生能力"); rules marked treated need a
	// treatment named.
	zhNature    = []string{"蝾螈", "壁虎", "蜥蜴", "涡虫", "海星", "斑马鱼", "蚯蚓", "鹿角", "肝脏本身", "肝脏自身", "肝脏有"}
	zhTreatment = []string{"干细胞", "细胞", "注射", "输注", "回输", "打针", "针", "疗法", "疗程", "治疗", "产品",
		"诊所", "移植", "技术", "治了", "治咗"}
)
