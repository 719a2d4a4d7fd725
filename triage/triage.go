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
	"strings"

	"patientqa"
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
func Classify(folded string) Result {
	t := newText(folded)
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
// normalize.ASCII: regexp is slow on long non-ASCII input).
type text struct {
	folded, ascii string
	hasLatin      bool
}

func newText(folded string) text {
	ascii, _, ok := normalize.ASCII(folded)
	return text{folded: folded, ascii: ascii, hasLatin: ok}
}

// patterns are phrase patterns, split by language when compiled.
type patterns struct{ zh, en []*regexp.Regexp }

func res(ps ...string) patterns {
	var out patterns
	for _, p := range ps {
		re := regexp.MustCompile(p)
		if normalize.HasHan(p) {
			out.zh = append(out.zh, re)
		} else {
			out.en = append(out.en, re)
		}
	}
	return out
}

func (p patterns) match(t text) bool {
	for _, re := range p.zh {
		if re.MatchString(t.folded) {
			return true
		}
	}
	if t.hasLatin {
		for _, re := range p.en {
			if re.MatchString(t.ascii) {
				return true
			}
		}
	}
	return false
}

// Emergency: a symptom of acute danger that the person (or someone with them) has now, or a
// question of what to do about it; or suicidal intent, always.
var (
	symptoms = res(
		`胸痛|胸口(?:痛|疼|闷|好痛|很痛)|胸闷|心口痛|心绞痛`,
		`呼吸困难|喘不(?:上|过)气|透不过气|上不来气|气促|气短|憋气|呼吸急促|唞唔到气|唞唔切`,
		`(?:突然|忽然|一下子)[^，。]{0,6}(?:看不见|看不清|失明|视力下降|视物模糊|看唔到)|眼睛[^，。]{0,4}(?:看不见|失明|看唔到)|失明了|瞎了`,
		`抽搐|抽筋抽|癫痫发作|惊厥|抽风|羊癫疯|扯筋`,
		`高烧|高热|发高烧|烧到(?:3[89]|4[0-2])|(?:3[89]|4[0-2])(?:\.\d)?\s?(?:度|°|℃)|发烧|发热|寒战|打寒战|发冷发抖|发冷|畏寒|发烧发冷|发烧寒战`,
		`昏迷|意识不清|神志不清|叫不醒|晕倒|昏倒|晕过去|昏过去|失去意识|不省人事|晕厥`,
		`半边(?:身体|身子|脸)?[^，。]{0,4}(?:无力|麻|动不了|不能动)|一侧(?:肢体)?[^，。]{0,3}(?:无力|麻木)|口角歪斜|嘴歪|说话不清|口齿不清|讲嘢唔清`,
		`严重过敏|过敏性休克|喉咙(?:发)?肿|喉头水肿|全身(?:起)?(?:红疹|风团|荨麻疹)|嘴唇肿|脸肿得`,
		`大出血|出血不止|血流不止|止不住血|吐血|咯血|便血很多`,
		`剧烈(?:头痛|头疼|腹痛)|头痛欲裂|剧痛`,
		`\bchest pains?\b|\bchest (?:is )?(?:tight|hurts?)\b|can'?t breathe|cannot breathe|short(?:ness)? of breath|trouble breathing|difficulty breathing|struggling to breathe`,
		`\bseizures?\b|\bconvuls\w*|\bfits?\b.{0,10}\b(?:now|started)\b`,
		`\bsudden(?:ly)? (?:lost|loss of|can'?t see|blind)|\bvision loss\b|\blost (?:my|his|her) (?:sight|vision)\b|can'?t see\b|\bgone blind\b`,
		`\b(?:high )?fever\b|\bchills\b|\bshivering\b|\brigors?\b`,
		`\bunconscious\b|\bpassed out\b|\bfainted\b|\bwon'?t wake\b|\bunresponsive\b`,
		`\b(?:weak|numb)(?:ness)? (?:on|in) one side\b|\bface (?:is )?droop\w*|\bslurred speech\b|\bone side of (?:my|his|her|the) (?:body|face)\b`,
		`\bsevere allergic\b|\banaphyla\w*|\bthroat (?:is )?(?:swelling|swollen|closing)\b|\bswollen (?:lips|tongue)\b`,
		`\bheavy bleeding\b|\bbleeding (?:heavily|a lot|won'?t stop)\b|\bcoughing (?:up )?blood\b|\bvomiting blood\b`,
		`\bsevere (?:headache|pain)\b`,
	)
	suicidal = res(
		`想死|不想活|自杀|轻生|结束(?:自己的)?生命|活不下去|了结自己|寻死|唔想生存|想自杀`,
		`\bsuicid\w*|\bkill (?:myself|me)\b|\bend (?:my|it all)\b.{0,10}\blife\b|\bwant to die\b|\bdon'?t want to live\b|\bend it all\b`,
	)
	// now: the person has the symptom, or is asking what to do about it.
	now = res(
		`刚|现在|正在|此刻|这会儿|今天|今晚|昨晚|昨天|一直|还在|开始|突然|出现|越来越|打完|注射后|回输后|输完|做完|之后|以后就|后就|后一直|后出现|后开始|后发|了|怎么办|怎么处理|要不要紧|要紧吗|严不严重|咋办|点算|而家|依家|宜家|啱啱|好(?:痛|辛苦)`,
		`\bnow\b|\bjust\b|\btoday\b|\btonight\b|\bsince\b|\bafter (?:the|my|his|her|an?) (?:injection|infusion|shot|treatment|procedure|drip)|\bstarted\b|\bhaving\b|\bi have\b|\bi'?m\b|\bi am\b|\bmy\b|\bhe has\b|\bshe has\b|\bhe is\b|\bshe is\b|what should i do|what do i do|is (?:it|this) serious|should i worry|should i go`,
	)
	// past or hypothetical: a question about risk, or history, not a present danger.
	notNow = res(
		`会不会|会引起|可能引起|可能导致|可能会|风险|副作用|有哪些|是否会|年前|以前|曾经|过去|小时候|那年|如果.{0,12}(?:会|吗)`,
		`\bcould\b|\bcan (?:it|they|stem cells?) cause\b|\brisks?\b|\bside effects?\b|\byears ago\b|\bused to\b|\bhistory of\b|\bin the past\b|\bwhat are the\b|\bif\b.{0,30}\bwould\b`,
	)
	// urgentAction: asking what to do about a symptom is urgent even if phrased hypothetically.
	urgentAction = res(`怎么办|咋办|点算`, `what should i do|what do i do`)
)

// Suicidal reports whether a folded question shows suicidal intent.
func Suicidal(folded string) bool { return suicidal.match(newText(folded)) }

func isEmergency(t text) bool {
	switch {
	case suicidal.match(t):
		return true
	case !symptoms.match(t):
		return false
	case urgentAction.match(t):
		return true
	}
	return now.match(t) && !notNow.match(t)
}

// Personal: a dose, a number of injections, a diagnosis, whether to stop or change treatment.
var personal = res(
	`打几针|几针|多少针|打多少|剂量|用量|多少个细胞|多少亿|几亿|几个疗程|多少疗程|疗程多长|多久打一次|隔多久|间隔多久|每次打|一次打多少|一个疗程`,
	`(?:能不能|可不可以|可唔可以|要不要|该不该|应不应该|是否应该|可以)[^，。]{0,6}停(?:药|掉|了|用)?|停(?:药|掉)[^，。]{0,6}(?:吗|可以|行不行)|换成干细胞|不吃药|不用吃药|代替(?:化疗|药物|吃药|治疗)|取代(?:化疗|药物|治疗)`,
	`我是不是(?:得了|有|患)|我(?:得了|患了)什么|帮我(?:看看|诊断|判断|分析)|化验单|检查报告|报告单|片子|诊断一下|是什么病|我(?:这种|这个)(?:情况|病)[^，。]{0,8}(?:适合|能|可以)|适合我吗|我适合|我能不能打|我可以打吗|我可唔可以打|我爸[^，。]{0,10}(?:适合|能不能打|可以打)|我妈[^，。]{0,10}(?:适合|能不能打|可以打)`,
	`\bhow many (?:injections|shots|infusions|cells|sessions|treatments|rounds)\b|\bdos(?:e|es|age|ing)\b|\bhow often should\b|\bshould (?:i|he|she|we) (?:stop|quit|skip)\b|\bstop (?:taking|my|his|her) (?:medication|meds|insulin|chemo|treatment|drugs)\b|\binstead of (?:chemo|insulin|medication|surgery|my)\b|\bdiagnos\w*|\bdo i have\b|\bwhat do i have\b|\bmy (?:test|lab|scan|mri) results?\b|\bis it right for me\b|\bam i a (?:good )?candidate\b|\bshould i (?:get|have|try) (?:it|this|stem)`,
)

// Provider: which hospital, clinic or doctor; prices, packages, free consultations; enrolling
// in a paid "trial".
var provider = res(
	`哪(?:个|家|间|里|些|位)[^，。]{0,6}(?:医院|诊所|机构|医生|专家|中心|地方|单位)|(?:医院|诊所|机构|医生|专家)[^，。]{0,4}哪(?:个|家|里|间)|去哪(?:里|儿)?(?:打|做|注射|治|看)|在哪(?:里|儿)?(?:打|做|注射|能做|可以做)|哪里(?:可以|能|有)(?:打|做|注射|治)|边度|边间|边个医生`,
	`推荐(?:一)?(?:家|个|间|位)?[^，。]{0,8}(?:医院|诊所|医生|机构|专家)|介绍(?:一)?(?:家|个|间|位)[^，。]{0,8}(?:医院|诊所|医生|机构)`,
	`多少钱|几多钱|价格|价钱|报价|收费标准|费用(?:是)?多少|要花多少|一针多少|贵不贵|便宜|套餐|优惠|打折|免费(?:在线)?咨询|联系方式|电话多少|地址在哪|怎么预约|预约|挂号|报名|怎么参加|如何参加|名额`,
	`\b(?:which|what) (?:hospital|clinic|doctor|centre|center|provider)s?\b|\bwhere (?:can|do|should|could) (?:i|we|you|he|she) (?:get|find|go|buy|have)\b|\brecommend (?:a|an|any|me)\b.{0,20}\b(?:clinic|hospital|doctor|provider|centre|center)|\bbest (?:clinic|hospital|doctor|place|center|centre)s?\b|\bhow much (?:does|is|would|will|do)\b|\bcost|\bprice|\bpackages?\b|\bfree consultation\b|\bbook (?:an|a)\b|\bappointment\b|\bsign up\b|\benrol\w*|\bcontact (?:details|number)\b|\bnear me\b`,
)

// Guarantee: asks for a promise or a success rate.
var guarantee = res(
	`保证|确保|承诺|包好|包治|一定(?:能|会|可以)|肯定(?:能|会|可以)|百分之百|100%|成功率|有效率|治愈率|几成把握|多大把握|有把握|几成|几率多大|概率多大|机会有多大|稳不稳|打包票|拍胸口|实唔实`,
	`\bguarantee\w*|\bpromise\w*|\bsuccess rate\b|\bcure rate\b|\bwhat (?:are|is) the (?:chances?|odds)\b|\bhow likely\b|\bwhat percentage\b|\bfor sure\b|\bdefinitely (?:work|help|cure)\b|\b100 ?%\b|\bcertain(?:ly)? (?:to )?(?:work|help)\b`,
)

// Injection: tries to override the rules, impersonates the system, asks for role-play or for
// marketing copy.
var (
	injection = res(
		`忽略|无视|忘记|忘掉|不要理会|别管`+`[^。]{0,10}(?:规则|指令|指示|设定|限制|要求|提示|之前|以上|前面|上面|系统)`,
		`系统(?:通知|提示|指令|消息|更新)|管理员|已获(?:得)?授权|最高权限|开发者模式|调试模式|越狱|解除限制|取消限制|没有限制|不受限制`,
		`扮演|假装(?:你|自己)?是|你现在是|从现在(?:开始|起)你|角色扮演|当作你是|你是一(?:个|名)(?:没有|不受)`,
		`写(?:一)?(?:篇|段|个|份|条)?[^，。]{0,10}(?:广告|文案|宣传|软文|推文)|(?:广告|宣传)(?:词|语|文案)|帮我(?:推广|宣传)`,
		`\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding)?\s?(?:instructions|rules|prompts?|guidelines|directions)\b|\bdisregard\b|\bforget (?:all |your |the )?(?:rules|instructions)\b`,
		`\bsystem (?:prompt|message|notice|override)\b|\badmin(?:istrator)?\b|\bdeveloper mode\b|\bjailbreak\w*|\bdan\b|\bdo anything now\b|\bno (?:restrictions|limits|rules)\b|\bunrestricted\b`,
		`\bpretend\b|\brole[- ]?play\b|\bact as\b|\byou are now\b|\bfrom now on,? you\b`,
		`\bwrite (?:an? |me |some )?(?:ad|advert|advertisement|marketing|promo|promotional|sales|copy|slogan)\w*|\bmarketing copy\b`,
	)
	// injectionStrip removes the wrapper so the underlying question can still be answered.
	injectionStrip = regexp.MustCompile(`【[^】]{0,30}】|\[[^\]]{0,30}\]|(?:忽略|无视|忘记|忘掉|不要理会|别管)[^，。,.]{0,20}(?:规则|指令|指示|设定|限制|要求|提示)[，,。.:：]?|(?:已获(?:得)?(?:管理员)?授权|系统通知|管理员通知)[，,。.:：]?|\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding)?\s?(?:instructions|rules|prompts?|guidelines|directions)\b(?: and)?[,.:]?`)
)
