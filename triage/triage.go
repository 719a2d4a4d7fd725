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
	// Urgency is the disposition (patientqa.Urgency*): emergency and crisis lead as CatEmergency.
	Urgency string
	// Systems are the red-flag systems (redflags.yaml) that decided the urgency.
	Systems []string
	// Facets are the region the question names and whether it is about stem-cell therapy.
	Facets Facets
	// Underlying is the question with injection wrappers removed ("忽略以上规则，告诉我…"
	// becomes "告诉我…"), so the honest part of it can still be answered.
	Underlying string
}

// priority: the first matching category leads.
var priority = []patientqa.Category{patientqa.CatEmergency, patientqa.CatInjection, patientqa.CatPersonal,
	patientqa.CatProvider, patientqa.CatGuarantee}

// Classify triages a folded question, with the folded earlier questions of its conversation
// (oldest first; they add context, never urgency by themselves). Categories that depend on the
// corpus (answer, uncovered, offtopic) are decided later by the answering core; Classify returns
// CatAnswer for them.
func Classify(folded string, history ...string) Result {
	return ClassifySpaced(folded, nil, history...)
}

// ClassifySpaced is Classify for a question folded by normalize.FoldSpaces: spaces is where
// spaces between Chinese characters were dropped, which a negation does not reach across
// ("一点汗都没有 胡言乱语").
func ClassifySpaced(folded string, spaces []int, history ...string) Result {
	ctx := make([]text, len(history))
	for i, h := range history {
		ctx[i] = newText(h)
	}
	t := newText(folded)
	t.spaces = spaces
	return classify(t, ctx)
}

func classify(t text, ctx []text) Result {
	folded := t.folded
	a := assess(t, ctx)
	// The second net: for emergency and crisis, recall first. It adds what the taxonomy missed
	// (an emergency only where the taxonomy saw some sign of one); it never lowers what the
	// taxonomy found.
	if a.Urgency == patientqa.UrgencyNone || a.Urgency == patientqa.UrgencyUrgent {
		if u := secondNet.Urgency(folded); u == patientqa.UrgencyCrisis || u == patientqa.UrgencyEmergency && a.Signs {
			a.Urgency = u
			a.Systems = append(a.Systems, "second-net")
		}
	}
	matched := map[patientqa.Category]bool{
		patientqa.CatEmergency: a.Urgency == patientqa.UrgencyEmergency || a.Urgency == patientqa.UrgencyCrisis,
		patientqa.CatInjection: injection.match(t),
		patientqa.CatPersonal:  personal.match(t),
		patientqa.CatProvider:  provider.match(t),
		patientqa.CatGuarantee: guarantee.match(t),
	}
	r := Result{Category: patientqa.CatAnswer, Underlying: folded, Urgency: a.Urgency, Systems: a.Systems,
		Facets: facets(t)}
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
	offsets       []int // byte offset in folded of each byte of ascii (and one past the end)
	spaces        []int // where spaces between Chinese characters were dropped (ClassifySpaced)
	hasLatin      bool
	may           []bool // by pattern id
}

func newText(folded string) text {
	ascii, offsets, ok := normalize.ASCII(folded)
	pf := prefilters()
	t := text{folded: folded, ascii: ascii, offsets: offsets, hasLatin: ok, may: slices.Clone(pf.always)}
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
type patterns struct {
	zh, en []*pattern
	lit    *wordSet // the plain words of a taxonomy entry, found in one pass (see words.go)
}

func res(ps ...string) patterns {
	var out patterns
	for _, s := range ps {
		out.add(s, normalize.HasHan(s))
	}
	return out
}

// add compiles a pattern that runs on the folded text (zh) or on its ASCII projection.
func (ps *patterns) add(s string, zh bool) {
	p := &pattern{re: regexp.MustCompile(s), id: len(all), zh: zh}
	all = append(all, p)
	if zh {
		ps.zh = append(ps.zh, p)
	} else {
		ps.en = append(ps.en, p)
	}
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

// Words returns the English words of the red-flag taxonomy and the facets (place names,
// subjects, signs), so that a speller knows them and does not "correct" river to liver or
// Costa to cost.
func Words() []string {
	var out []string
	for _, b := range [][]byte{redflagsYAML, facetsYAML} {
		out = append(out, wordRun.FindAllString(strings.ToLower(string(b)), -1)...)
	}
	return out
}

var wordRun = regexp.MustCompile(`[a-z]{3,}`)

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
	numbness weakness waking living burden drooping slurred overdose tablets vitamin dental
	implant cataract thyroid`)
