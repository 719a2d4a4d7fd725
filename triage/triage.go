// Package triage decides, before anything is retrieved, what kind of help a question needs:
// an emergency (danger now), a personal medical decision (dose, diagnosis, stopping treatment),
// a provider or price request, a request for a guarantee, an attempt to override the service's
// rules, or an ordinary question for the vetted sources.
//
// Triage works on folded text (Simplified, lower case; see package normalize) with phrase lists
// in Chinese (including Cantonese phrasing) and English. It is deliberately conservative where
// it matters most: any sign of acute danger after an injection or infusion, or of suicidal
// intent, is an emergency, and an emergency always leads the answer, whatever else the question
// asks. The other categories that also apply are reported so the answer can still address them.
//
// Triage never logs; callers must redact before logging anything about a question.
package triage

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"patientqa"
	"patientqa/internal/trie"
	"patientqa/normalize"
)

// Result is the decision for one question.
type Result struct {
	Category patientqa.Category   // what leads the answer
	Also     []patientqa.Category // other kinds of help that apply, in priority order
	// Underlying is the question with injection wrappers removed ("忽略以上规则，告诉我…"
	// becomes "告诉我…"), so the honest part of it can still be answered.
	Underlying string
}

// priority: the first matching category leads.
var priority = []patientqa.Category{patientqa.CatEmergency, patientqa.CatInjection, patientqa.CatPersonal,
	patientqa.CatProvider, patientqa.CatGuarantee}

// Classify triages a folded question. Categories that depend on the corpus (answer, uncovered,
// offtopic) are decided later by the answering core; Classify returns CatAnswer for them.
func Classify(folded string) Result { return classify(newText(folded)) }

func classify(t text) Result {
	folded := t.folded
	matched := map[patientqa.Category]bool{
		patientqa.CatEmergency: isEmergency(t),
		patientqa.CatInjection: injection.match(t),
		patientqa.CatPersonal:  personal.match(t),
		patientqa.CatProvider:  provider.match(t),
		patientqa.CatGuarantee: guarantee.match(t),
	}
	r := Result{Category: patientqa.CatAnswer, Underlying: folded}
	for _, c := range priority {
		if !matched[c] {
			continue
		}
		if r.Category == patientqa.CatAnswer {
			r.Category = c
		} else {
			r.Also = append(r.Also, c)
		}
	}
	if matched[patientqa.CatInjection] {
		r.Underlying = strings.TrimSpace(injectionStrip.ReplaceAllString(folded, " "))
	}
	return r
}

// text is a folded question with its ASCII projection, on which English patterns run (see
// normalize.ASCII: regexp is slow on long non-ASCII input), and which patterns may match it
// (see prefilter.go).
type text struct {
	folded, ascii string
	hasLatin      bool
	may           []bool // by pattern id
}

func newText(folded string) text {
	ascii, _, ok := normalize.ASCII(folded)
	pf := prefilters()
	t := text{folded: folded, ascii: ascii, hasLatin: ok, may: slices.Clone(pf.always)}
	mark := func(_, _ int, ids []int) {
		for _, id := range ids {
			t.may[id] = true
		}
	}
	pf.zh.Scan(folded, mark)
	if ok {
		pf.en.Scan(ascii, mark)
	}
	return t
}

// pattern is one compiled phrase pattern.
type pattern struct {
	re *regexp.Regexp
	id int  // index in all
	zh bool // runs on the folded text, not on its ASCII projection
}

// all is every pattern, by id.
var all []*pattern

// prefilter holds the necessary literals of every pattern (see prefilter.go).
type prefilter struct {
	zh, en *trie.Trie // literal -> ids of the patterns that need it
	always []bool     // by id: the pattern has no necessary literals and always runs
}

// prefilters is built on first use (or by Warm): working out the literals parses every pattern
// again, a few milliseconds that need not delay a process's start.
var prefilters = sync.OnceValue(func() *prefilter {
	pf := &prefilter{zh: trie.New(), en: trie.New(), always: make([]bool, len(all))}
	for _, p := range all {
		lits, ok := necessary(p.re.String())
		pf.always[p.id] = !ok
		t := pf.en
		if p.zh {
			t = pf.zh
		}
		for _, l := range dedupe(lits) {
			t.Add(l, p.id)
		}
	}
	return pf
})

// Warm prepares triage now, so that the first question does not wait for it.
func Warm() { prefilters() }

// patterns are phrase patterns, split by language when compiled.
type patterns struct{ zh, en []*pattern }

func res(ps ...string) patterns {
	var out patterns
	for _, s := range ps {
		p := &pattern{re: regexp.MustCompile(s), id: len(all), zh: normalize.HasHan(s)}
		all = append(all, p)
		if p.zh {
			out.zh = append(out.zh, p)
		} else {
			out.en = append(out.en, p)
		}
	}
	return out
}

func (p patterns) match(t text) bool {
	for _, pt := range p.zh {
		if t.may[pt.id] && pt.re.MatchString(t.folded) {
			return true
		}
	}
	if t.hasLatin {
		for _, pt := range p.en {
			if t.may[pt.id] && pt.re.MatchString(t.ascii) {
				return true
			}
		}
	}
	return false
}

// Emergency. Symptoms come in two tiers: severe ones (chest pain, cannot breathe, collapse,
// seizure, sudden blindness, one-sided weakness, throat swelling, heavy bleeding) are an
// emergency unless the question clearly puts them in the past, in someone else's story or in a
// hypothetical; milder ones (fever, chills, headache, dizziness, a swollen joint) are an
// emergency when they follow an injection or infusion, or are happening now. Suicidal intent is
// always an emergency. An explicit "now" (现在, 刚刚, right now…) overrides past and hypothetical
// markers: "去年打的干细胞，现在开始抽搐" is an emergency.
var (
	severe = res(
		`胸痛|胸口(?:痛|疼|闷|好痛|很痛|紧)|胸闷|心口痛|心绞痛发作|心慌|心悸|心跳(?:特别|很|非常|好)?(?:快|乱)`,
		`呼吸困难|喘不(?:上|过)气|透不过气|上不来气|气促|憋气|呼吸急促|唞唔到气|唞唔切|唞气困难`,
		`(?:突然|忽然|一下子)[^，。]{0,6}(?:看不见|看不清|失明|视力下降|看唔到|睇唔到|睇唔清)|眼[^，。]{0,3}(?:看不见|看不清|失明|看唔到|睇唔到|睇唔清|瞎)|失明了|瞎了`,
		`抽搐|癫痫发作|惊厥|抽风|羊癫疯|扯筋|抽筋抽`,
		`昏迷|意识不清|神志不清|叫不醒|叫佢唔醒|晕倒|昏倒|晕过去|昏过去|失去意识|不省人事|晕厥|没反应|冇反应|倒地`,
		`(?:半边|一边|一侧|左边|右边|左侧|右侧)[^，。]{0,6}(?:无力|没力|冇力|麻|动不了|不能动|郁唔到)|口角歪斜|嘴歪|说话(?:也)?(?:不清|含糊|含混)|口齿不清|讲嘢唔清|讲嘢含糊`,
		`严重过敏|过敏性休克|喉咙[^，。]{0,4}(?:肿|紧)|喉头水肿|(?:嘴唇|舌头|脸)[^，。]{0,3}肿|(?:全身|成身|浑身)[^，。]{0,4}(?:红疹|风团|荨麻疹|疹)`,
		`大出血|出血不止|血流不止|流血[^，。]{0,10}(?:不止|止不住|停不下|唔停)|止不住|吐血|咯血|咳血|咳出血|便血`,
		`剧烈[^，。]{0,3}(?:头痛|头疼|腹痛|疼|痛)|剧痛|头痛欲裂|痛得受不了|疼痛难忍|呕吐不止|吐了好几次|酱油色|血尿|尿血`,
		`没有知觉|没知觉|失去知觉|冇知觉|(?:大|小)便[^，。]{0,3}(?:失禁|控制不住)|两(?:条)?腿[^，。]{0,4}(?:动不了|没力|瘫)`,
		`血压(?:很|特别|非常|好)?低|站(?:都)?站不稳|手脚冰冷|手脚冰凍|冒冷汗|软晒|全身发软|脸色(?:发)?(?:白|青|紫)|嘴唇发紫`,
		`\bchest (?:pains?|tightness)\b|\bchest (?:is |feels )?(?:tight|hurts?|pain)|can'?t breathe|cannot breathe|short(?:ness)? of breath|trouble breathing|difficulty breathing|struggling to breathe|gasping`,
		`\bseizures?\b|\bconvuls\w*|\bfitting\b`,
		`\bsudden(?:ly)? (?:lost|loss of|can'?t see|blind|went blind)|\bvision loss\b|\blost (?:my|his|her) (?:sight|vision)\b|\bcan'?t see\b|\bgone blind\b|\bgoing blind\b`,
		`\bunconscious\b|\bpassed out\b|\bfainted\b|\bcollaps\w*|\bwon'?t wake\b|\bcan (?:barely|hardly|not|'?t) wake\b|\bunresponsive\b|\bconfused\b|\bvery drowsy\b`,
		`\b(?:weak|numb)(?:ness)? (?:on|in|down) one side\b|\bface (?:is )?droop\w*|\bslurred speech\b|\bone side of (?:my|his|her|the) (?:body|face)\b|\bcan'?t feel (?:my|his|her) legs\b`,
		`\bsevere allergic\b|\banaphyla\w*|\bthroat\b.{0,25}\b(?:swelling|swollen|closing|tight)\b|\b(?:lips?|tongue|face)\b.{0,20}\bswell\w*|\bswollen (?:lips|tongue|face)\b`,
		`\bheavy bleeding\b|\bbleeding\b.{0,40}\b(?:heavily|a lot|won'?t stop|not stopping|doesn'?t stop)\b|\bbleeding heavily\b|\bcoughing (?:up )?blood\b|\bvomiting blood\b`,
		`\bsevere (?:headache|pain|abdominal pain|stomach pain)\b|\bworst headache\b`,
	)
	mild = res(
		`高烧|高热|发高烧|烧到(?:3[89]|4[0-2])|(?:3[89]|4[0-2])(?:\.\d)?\s?(?:度|°|℃)|发烧|发热|发烧发冷|寒战|打寒战|发冷发抖|发冷|畏寒|头痛|头疼|头晕|晕乎乎|呕吐|吐了|红肿|又红又肿|发烫|化脓|流脓`,
		`\b(?:high )?fever\b|\bchills\b|\bshivering\b|\brigors?\b|\bheadache\b|\bdizz\w*|\bvomiting\b|\bthrowing up\b|\b(?:red|swollen|hot) (?:and )?(?:swollen|hot|red)?\b.{0,10}\b(?:knee|joint|site)\b|\bpus\b`,
	)
	suicidal = res(
		`想死|不想活|自杀|轻生|结束(?:自己)?(?:的|得)?生命|活不下去|了结自己|寻死|唔想生存|唔想(?:再)?活|活落去|想自杀|死了算了|不想再活`,
		`\bsuicid\w*|\bkill (?:myself|me)\b|\bend(?:ing)? (?:my|it all)\b.{0,10}\blife\b|\bending my life\b|\bwant to die\b|\bdon'?t want to live\b|\bend it all\b|\bcan'?t go on\b`,
	)
	// recent: the symptom began just now, whatever else the question says.
	recent = res(
		`刚刚|刚才|此刻|这会儿|今天|今早|今晚|昨晚|啱啱|\d+\s*(?:分钟|小时)(?:前|后|了)|半小时|突然`,
		`\bright now\b|\bjust now\b|\btonight\b|\btoday\b|\bthis (?:morning|evening|afternoon)\b|\b(?:an|\d+) (?:hours?|minutes?|mins?) ago\b|\bon the way home\b|\bsuddenly\b`,
	)
	// ongoing: the symptom is present ("现在还是没力气" after a stroke ten years ago is not new).
	ongoing = res(
		`现在|正在|而家|依家|宜家|一直在|还在|越来越|到一半|过程中`,
		`\bnow\b|\bcurrently\b|\bat the moment\b|\bhaving\b|\bkeeps?\b`,
	)
	// afterInjection: the symptom follows a cell injection or infusion (or the question asks
	// what to do about it).
	afterInjection = res(
		`打完|注射后|注射完|回输后|回输完|输完|输了|打了|做完|做了[^，。]{0,8}(?:注射|回输|输注)|之后|以后|后[^，。]{0,3}(?:一直|开始|出现|就)|怎么办|咋办|点算|点办|要紧吗|要不要紧|严不严重|要唔要紧`,
		`\bafter (?:the|my|his|her|an?|their)\b.{0,25}\b(?:injection|infusion|shot|treatment|procedure|drip|stem cells?)\b|\bsince (?:the|my|his|her)\b|\bhad (?:an? |my |his |her )?(?:stem cells?|injection|infusion|iv|drip)\b|what should i do|what do i do|is (?:it|this) serious|should i (?:worry|go)`,
	)
	// pastOrOther: history, another person's story, the news.
	pastOrOther = res(
		`年前|以前|曾经|过去|小时候|那年|当年|那时|当时|去年|前年|上个月|上次|发过|有过|\d{4}年|后来(?:就)?好了|新闻|报道|听说|听讲|据说|网上|有人|朋友|亲戚|舊年|旧年`,
		`\byears? ago\b|\bmonths ago\b|\blast year\b|\bused to\b|\bhistory of\b|\bin the past\b|\bas a child\b|\bin (?:19|20)\d\d\b|\bi read\b|\bnews\b|\breported\b|\bwent away\b|\bsomeone\b`,
	)
	// hypothetical: a question about risk or what could happen.
	hypothetical = res(
		`如果|万一|假如|要是|会不会|会唔会|会引起|会诱发|可能引起|可能导致|可能会|风险|副作用|不良反应有|有哪些|是否会|有冇机会|有没有可能|常见吗|为什么|是怎么回事|要留意`,
		`\b(?:can|could)\b.{0,40}\b(?:cause|lead to|trigger|give you)\b|\brisks?\b|\bside effects?\b|\bwhat if\b|\bif\b.{0,30}\b(?:would|ever)\b|\bwhat symptoms\b|\bwhat are the\b|\bis .{0,30}\ba (?:common|known)\b|\bhigher risk\b`,
	)
)

// Suicidal reports whether a folded question shows suicidal intent.
func Suicidal(folded string) bool { return suicidal.match(newText(folded)) }

func isEmergency(t text) bool {
	if suicidal.match(t) {
		return true
	}
	sev, mil := severe.match(t), mild.match(t)
	switch {
	case !sev && !mil:
		return false
	case recent.match(t):
		return true
	case pastOrOther.match(t) || hypothetical.match(t):
		return false
	case sev || ongoing.match(t):
		return true
	}
	return afterInjection.match(t)
}

// Personal: a dose, a number of injections, a diagnosis, whether to stop or change treatment.
var personal = res(
	`打几针|几针|多少针|几多针|打多少|剂量|用量|多少个细胞|多少亿|几亿|每公斤|每kg|几个疗程|多少疗程|疗程多长|多久打一次|隔多久|间隔多久|每次打|一次打多少|一个疗程|打几次|一年打几次|几岁开始|第[二三四五六2-6]针|提前打`,
	`(?:药|激素|胰岛素|化疗|多巴|左旋多巴|降压)[^，。]{0,8}(?:还用|还要|继续|能不能停|能停|可以停|可唔可以停|减量|加量|停掉|停吗)|(?:能不能|可不可以|可唔可以|要不要|该不该|应不应该|是否应该|可以|使唔使|使不使)[^，。]{0,8}停(?:药|掉|了|用)?|停(?:药|掉)[^，。]{0,6}(?:吗|可以|行不行)|换成干细胞|不吃药|不用吃药|不打胰岛素|唔打胰岛素|停(?:打)?胰岛素|(?:还要不要|要不要继续|还用不用)(?:吃|打|用)|代替|替代|取代`,
	`(?:我|他|她)?是不是(?:得|有|患)|我(?:得了|患了)什么|系咪[^，。]{0,6}(?:症|病|癌)|系咪有|核磁|ct报告|报告说|这个程度|係咪有|会不会是[^，。]{0,6}(?:病|症)|帮我(?:看看|睇|诊断|判断|分析)|睇吓|化验单|验血|检查报告|报告单|片子|诊断一下|是什么病|(?:alt|ast|射血分数|白蛋白|胆红素)\s*\d`,
	`(?:这种|这个|呢种|我的|他的|她的)(?:情况|病情|状况)|适合(?:我|他|她|我爸|我妈|孩子)|(?:我|他|她|我爸|我妈|孩子)[^，。]{0,3}适合|适不适合|适唔适合|合不合适|啱唔啱|合唔合适|还有(?:没有)?必要|有没有必要打|太老|年纪太大|来得及吗|太晚`,
	`\bhow many (?:\w+ ){0,3}(?:injections|shots|infusions|cells|sessions|treatments|rounds|doses)\b|\bdos(?:e|es|age|ing)\b|\bper kg\b|\bcells per\b|\bhow often should\b|\bshould (?:i|he|she|we) (?:stop|quit|skip)\b|\bstop (?:taking|my|his|her) (?:medication|meds|insulin|chemo|treatment|drugs)\b|\bcome off (?:my |his |her )?(?:insulin|medication|meds|drugs)\b|\bskip (?:the )?(?:chemo|chemotherapy|surgery|treatment|radiotherapy)\b|\binstead of\b|\brather (?:do|have|try) stem cells\b`,
	`\bdiagnos\w*|\bdo i have\b|\bdoes (?:he|she|my \w+) have\b|\bwhat do i have\b|\bmy (?:test|lab|scan|mri|ct|blood|liver) (?:results?|tests?|shows?)\b|\blook at my\b|\bright for me\b|\bam i a (?:good )?candidate\b|\b(?:is|am) (?:she|he|i) too old\b|\btoo late\b|\bbad enough\b|\bshould i (?:get|have|try|do) (?:it|this|stem)`,
)

// Provider: which hospital, clinic or doctor; prices, packages, free consultations; enrolling
// in a paid "trial".
var provider = res(
	`哪(?:个|家|间|里|些|位)[^，。]{0,6}(?:医院|诊所|机构|医生|专家|中心|地方|单位)|(?:医院|诊所|机构|医生|专家)[^，。]{0,2}哪(?:个|家|里|间)|(?:医院|诊所|机构|公司)[^，。]{0,3}(?:排名|排行|哪家好)|哪家[^，。]{0,6}公司|去哪(?:里|儿)?(?:打|做|注射|治|看)|在哪(?:里|儿)?(?:打|做|注射|能做|可以做)|哪里(?:可以|能|有)(?:打|做|注射|治)|边度(?:可以|有得|打|做)|边间(?:医院|诊所|中心|机构)|边个医生`,
	`有没有[^，。]{0,12}(?:医院|诊所|医生|机构|专家|中心|clinic|hospital|doctor)|有冇[^，。]{0,12}(?:医院|诊所|医生|机构|clinic|hospital)|推荐[^，。]{0,12}(?:医院|诊所|医生|机构|专家|中心)|(?:医院|诊所|医生|机构)[^，。]{0,8}(?:推荐|介绍)|介绍(?:一)?(?:家|个|间|位)`,
	`多少钱|几多钱|几多|价格|价钱|报价|收费|费用(?:是)?多少|要花多少|一针多少|贵不贵|便宜|套餐|优惠|打折|免费[^，。]{0,4}咨询|联系方式|联系电话|电话多少|(?:给|俾)我[^，。]{0,6}电话|地址在哪|怎么预约|预约|挂号|报名|怎么参加|如何参加|名额|医保|报销`,
	`\b(?:which|what) (?:hospital|clinic|doctor|centre|center|provider)s?\b|\bwhere (?:in (?:\w+ ){1,2})?(?:can|do|should|could) (?:i|we|you|he|she) (?:get|find|go|buy|have)\b|\brecommend (?:a|an|any|me)\b.{0,20}\b(?:clinic|hospital|doctor|provider|centre|center)|\bbest\b.{0,20}\b(?:clinic|hospital|doctor|place|center|centre)s?\b|\bhow much\b|\bcost|\bprice|\bpackages?\b|\bfree (?:online )?consultation\b|\$\s?\d|\bbook (?:an|a)\b|\bappointment\b|\bsign up\b|\benrol\w*|\bcontact (?:details|number)\b|\bphone number\b|\bnear me\b|\binsurance\b|\bout of pocket\b`,
)

// Guarantee: asks for a promise or a success rate.
var guarantee = res(
	`保证|确保|承诺|包好|一定(?:能|会|可以)|肯定(?:能|会|可以)|百分之百|100%|成功率|有效率|治愈率|几成把握|多大把握|有把握|几成|几率多大|概率多大|机会有多大|稳不稳|打包票|拍胸口|实唔实|百分比|百分之多少|多少比例|能好多少|好几成|准话|保票|保正`,
	`\bguarantee\w*|\bpromise\w*|\bsuccess rate\b|\bcure rate\b|\bwhat (?:are|is) the (?:chances?|odds)\b|\bhow likely\b|\bwhat percentage\b|\bfor sure\b|\bdefinitely (?:work|help|cure)\b|\b100 ?%\b|\bcertain(?:ly)? (?:to )?(?:work|help)\b`,
)

// Injection: tries to override the rules, impersonates the system, asks for role-play or for
// marketing copy.
var (
	injection = res(
		`(?:忽略|无视|忘记|忘掉|不要理会|别管|跳过|绕过|唔好理|唔使理)[^。]{0,10}(?:规则|指令|指示|设定|限制|要求|提示|之前|以上|前面|上面|系统|安全)`,
		`【[^】]{0,12}(?:通知|公告|指令|授权|命令)】`,
		`系统(?:通知|提示|指令|消息|更新)|管理员|已获(?:得)?授权|最高权限|开发者模式|调试模式|越狱|解除限制|取消限制|没有限制|冇限制|不受限制|新的指示|新指令|优先级最高`,
		`扮演|假装(?:你|自己)?(?:是|系)|你现在是|你而家系|从现在(?:开始|起)你|由而家开始你|角色扮演|当作你是|你是一(?:个|名)(?:没有|不受)`,
		`写(?:一)?(?:篇|段|个|份|条|几条)?[^，。]{0,10}(?:广告|文案|宣传|软文|推文|好评|评价|见证)|(?:广告|宣传)(?:词|语|文案)|帮我(?:推广|宣传)|编(?:几|一)?(?:条|个|段)?[^，。]{0,6}(?:好评|评价|见证|案例)`,
		`\bignore (?:all |any |the |your |of )*(?:previous|prior|above|earlier|preceding)?\s?(?:instructions|rules|prompts?|guidelines|directions)\b|\bdisregard\b|\bforget (?:all |your |the |any |about )*(?:rules|instructions|guidelines)\b|\bskip (?:your |the |all )*(?:safety )?(?:rules|guidelines|checks)\b|\bbypass\b|\boverride\b`,
		`(?:^|\W)(?:system|admin|developer)\s*:|\bsystem (?:prompt|message|notice|override)\b|\badmin(?:istrator)?\b|\bdeveloper mode\b|\bjailbreak\w*|\bdan\b|\bdo anything now\b|\bno (?:restrictions|limits|rules)\b|\bunrestricted\b|\bnew instructions\b|\bhighest priority\b`,
		`\bpretend\b|\brole[- ]?play\b|\bact as\b|\byou are now\b|\bfrom now on,? you\b`,
		`\bwrite (?:\w+ ){0,3}(?:ad|advert|advertisement|marketing|promo|promotional|sales|copy|slogan|testimonials?|reviews?)\w*|\bmarketing copy\b|\bfake (?:reviews|testimonials)\b`,
	)
	// injectionStrip removes the wrapper so the underlying question can still be answered.
	injectionStrip = regexp.MustCompile(`【[^】]{0,30}】|\[[^\]]{0,30}\]|(?:忽略|无视|忘记|忘掉|不要理会|别管)[^，。,.]{0,20}(?:规则|指令|指示|设定|限制|要求|提示)[，,。.:：]?|(?:已获(?:得)?(?:管理员)?授权|系统通知|管理员通知)[，,。.:：]?|\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding)?\s?(?:instructions|rules|prompts?|guidelines|directions)\b(?: and)?[,.:]?`)
)

// Keywords are the English words the triage patterns rely on; a speller that corrects typed
// slips towards them ("guaarntee", "inuslin") keeps triage working for hurried typists.
var Keywords = strings.Fields(`guarantee guaranteed guarantees promise promises success percentage
	chances injection injections infusion infusions insulin medication medications chemo
	chemotherapy diagnose diagnosed diagnosis dosage doses candidate system prompt instructions
	ignore previous disregard forget pretend roleplay jailbreak administrator developer
	restrictions unrestricted testimonials testimonial advertisement advert marketing promo
	promotional hospital hospitals clinic clinics doctor doctors consultation appointment
	insurance recommend emergency breathe breathing breath seizure seizures convulsing
	unconscious bleeding heavily allergic swelling swollen throat vision blind fever chills
	shivering headache dizzy chest stroke suicide suicidal collapsed fainted confused drowsy
	numbness weakness`)
