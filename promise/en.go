package promise

import "strings"

// The English lexicon: regular expressions over the ASCII projection of the folded sentence
// (normalize.ASCII), so they never scan Chinese text.

// enCue is one English family.
type enCue struct {
	kind Kind
	re   *pattern
	// inside: the negation scope includes the match itself ("cells do not repair…").
	inside bool
	// soft: not a cue in a sentence that reports a study ("10 no longer needed insulin in
	// the trial").
	soft bool
	// treated: a cue only in a sentence that names a treatment (enTreatmentRe).
	treated bool
	// unless: not a cue when this matches the sentence (the court reversed a ruling).
	unless *pattern
}

func re(parts ...string) *pattern { return compile(parts...) }

// Word families shared by several expressions.
const (
	enTreatment = `(?:stem[- ]cells?|cells|infusions?|injections?|shots?|treatments?|therapy|therapies|transplants?|cord blood|procedures?)`
	enBurden    = `(?:insulin|dialysis|inhalers?|medications?|medicines?|meds|pills|drugs|painkillers|wheelchairs?|canes?|crutch(?:es)?|walkers?|oxygen|surgery|surger(?:y|ies)|operations?|(?:hip |knee |joint )?replacements?|transplants?|glasses|hearing aids?|steroids)`
	enAbility   = `(?:walk|run|see|hear|talk|speak|read|stand|danc|climb|driv|swim|hik|play|smil|say|eat|recogni[sz])`
	// enFirstSteps are what a child or a patient "started" doing after a treatment.
	enFirstSteps = `(?:walk|run|see|hear|talk|speak|read|stand|danc|climb|driv|swim|play|smil|say|eat|recogni[sz]|mak|respond|sit|crawl|mov|us|point|laugh|sing|writ|feed|breath|look)`
	enFunction   = `(?:hearing|vision|sight|eyesight|function|memory|mobility|movement|speech|independence|strength|energy|youth|life|lives|health|feeling|sensation|balance|freedom|confidence|vitality)`
	enChronic    = `(?:autism|ms|multiple sclerosis|als|parkinson'?s|alzheimer'?s|dementia|diabetes|arthritis|lupus|cerebral palsy|paralysis|spinal cord injur\w*|copd|heart failure)`
	enAilment    = `(?:pain|seizures?|symptoms?|attacks?|relapses?|flares?|flare-ups?|tremors?|spasms?)`
	enDisease    = `(?:diseases?|(?:heart )?attacks?|strokes?|relapses?|illness(?:es)?|sickness|conditions?|cancers?|tumou?rs?|lupus|ms|als|autism|diabetes|arthritis|parkinson'?s|alzheimer'?s|dementia|ageing|aging|infections?|\w+itis)`
	enNumberWord = `(?:(?:ninety|eighty|seventy|sixty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a hundred|one hundred)`
	enPct        = `(?:\s?%| percent| per cent)`
	enHarm       = `(?:complications?|side[- ]effects?|adverse (?:effects?|reactions?|events?)|reactions?|rejection|infections?|problems?)`
)

var enCues = []enCue{
	// Outcome: cure, reversal, regeneration, restored function.
	{kind: Outcome, re: re(`\bcur(?:e|es|ed|ing|ative)\b`), unless: enNotMedicalCure},
	{kind: Outcome, re: re(`\brevers(?:e|es|ed|ing|al)\b`), unless: enNotMedicalReverse},
	{kind: Outcome, re: re(`\bpermanent(?:ly)? (?:fix|solution|relief|results?|recovery|improvement)`,
		`|\bregenerat\w* (?:damaged|your|the damaged|lost|new)\b|\brepair\w* (?:damaged|your|the damaged)\b`,
		`|\brestor\w* (?:function|health|your|normal|the function)\b|\brejuvenat\w*|fountain of youth`,
		`|\bturn(?:s|ing)? back (?:the )?(?:clock|time|years|hands of time)\b|\brewind(?:s|ing)? (?:the )?(?:clock|years|time)\b`,
		`|eliminat\w* (?:the )?disease|heal(?:s|ing|ed)? (?:you|your|the damaged|damaged)\b`,
		// a universal fix: "fix whatever is broken", "whatever tissue your body needs"
		`|\b(?:fix|heal|repair|cure|treat)(?:es|s)? (?:whatever|anything|everything)\b|\bwhatever (?:\w+ )?(?:your body|you) needs?\b`,
		`|\b(?:lasting|long-lasting|permanent|lifelong) (?:relief|results?|cure|recovery|improvement|healing)\b`,
		// the body or the disease healed from within: "heal the disease itself", "repair itself"
		`|\b(?:heal|repair|regenerate|cure|fix)(?:s|es)? (?:itself|themselves|the disease|the condition|the root cause)\b`,
		// regrown, good as new, pain-free
		`|\bregrow\w*|\b(?:good|as good) as new\b|\b(?:gone|healed|fixed|cured) for good\b`,
		`|\b(?:target|treat|address|fix|tackle|heal|cure)s? (?:\w+ ){0,2}?root cause`,
		`|\bpain[- ]free\b|\b(?:walking|living|moving|running|sleeping) without pain\b`,
		`|\bgive (?:you|them|him|her|patients|people) (?:\w+ ){0,2}?(?:life|lives|freedom|independence|health|youth|mobility) back\b`,
		// protection and prevention promised: "protects your child against future diseases"
		`|\bprotect(?:s|ing)? (?:[\w'-]+ ){1,3}?(?:from|against) (?:[\w'-]+ ){0,2}?`, enDisease, `\b`,
		`|\bboost(?:s|ing)? (?:your |the |their )?(?:immunity|immune system|metabolism|vitality|energy levels)\b`,
		`|\bkeep(?:s)? (?:\w+ )?(?:illness|disease|diseases|sickness|ageing|aging|infections?) away\b`,
		`|\bstop(?:s)? (?:\w+ ){1,3}in (?:its|their) tracks\b|\bbeat(?:s|ing)? (?:\w+ ){0,2}?`, enDisease, `\b`,
		// anti-ageing
		`|\badd(?:s|ing)? (?:\w+ ){0,2}years to (?:your|their|his|her)\b|\byears younger\b|\blook(?:ing)? younger\b`,
		`|\b(?:grey|gray|white) hair (?:\w+ ){0,3}(?:dark|black|its natural colou?r)\b`,
		`|\b(?:back|return) to (?:\w+ ){0,5}?(?:twenty|thirty|(?:your|their|his|her) (?:twenties|thirties|youth|younger self))\b`)},
	// Walking again, regained abilities, recovery from a chronic disease: ordinary words in
	// rehabilitation ("regain your strength after surgery"), so only with a treatment named.
	{kind: Outcome, treated: true, re: re(`\b`, enAbility, `(?:e|s|ed|ing)? again\b|\bregain(?:s|ed|ing)? (?:\w+ ){0,2}?\w+`,
		`|\bget(?:s|ting)? (?:you|them|him|her|patients|people) back (?:on|to|into)\b`,
		`|\b(?:finally|at last) (?:be able to |able to |started to |began to )?`, enAbility, `\w*`,
		`|\b(?:recover(?:ed|ing|s)?|(?:been|were|are|is|was) cured) (?:fully |completely )?from (?:\w+ ){0,2}?`, enChronic, `\b`,
		`|\bhelped (?:\w+ ){0,3}?(?:patients|people|children|families) (?:\w+ ){0,2}?(?:recover|walk|regain|overcome|beat|get rid of|be cured|heal)\w*`,
		// restored or regained function: "bring back lost hearing", "regained their independence"
		`|\b(?:restor\w*|bring(?:s|ing)? back|brought back|give (?:you |them |him |her )?back) (?:(?:your|their|his|her|lost|the|full|normal|my) )*(?:\w+ )?`, enFunction, `\b`,
		`|\b`, enFunction, ` (?:can |will |could |may |might )?(?:come|comes|came) back\b`,
		`|\bbreath(?:e|es|ing) (?:easier|freely|normally) (?:again|within)\b`)},
	// Rid of a treatment or an aid: "no longer has to mean dialysis", "spare you a hip replacement".
	{kind: Outcome, soft: true, treated: true, re: re(`\b(?:no longer (?:\w+ ){0,3}|no more |never again (?:\w+ ){0,2}|never (?:\w+ )?need (?:a |an |the |to (?:take|use) )?|off (?:of )?(?:all )?|`,
		`free (?:of|from) |goodbye to |throw away (?:\w+ )?|eliminat\w* the need for |ditch (?:\w+ )?|get rid of (?:\w+ )?|`,
		`spare (?:you|your \w+|them|him|her|patients)(?: from)? (?:a |an |the )?|`,
		`without (?:a |an |his |her |my |their |your |the )?)(?:\w+ )?`, enBurden, `\b`,
		// an ailment left behind ("a future free of seizures"; not "no more pain than a blood test")
		`|\b(?:free (?:of|from)|get rid of|rid of) (?:\w+ ){0,2}?(?:`, enAilment, `|`, enDisease, `)\b`,
		`|\b(?:\w+ )?`, enAilment, ` (?:\w+ ){0,2}?(?:gone|disappeared|vanished|went away)\b`)},
	{kind: Outcome, re: re(`\b(?:say|said|saying|wave|bid) (?:goodbye|farewell) to (?:\w+ ){0,2}?(?:`, enAilment, `|`, enDisease, `|`, enBurden, `)\b`)},
	{kind: Outcome, re: re(`\b(?:never|no longer|won't|will not) (?:\w+ )?need (?:to (?:take|use) )?(?:\w+ ){0,2}?`, enBurden, ` (?:again|anymore|any more)\b`)},
	// Not coming back: "has not come back since my treatment".
	{kind: Outcome, soft: true, re: re(`\b(?:has|have)(?: not|n't) (?:come back|returned|recurred|flared(?: up)?)(?: \w+){0,3}? since\b`,
		`|\b(?:has|have)(?: not|n't) had (?:a|any) (?:\w+ )?(?:relapse|flare|seizure|attack|symptoms?)(?: \w+){0,3}? since\b`,
		`|\bnever (?:came|come) back\b`)},
	// Testimonials: "now he can walk", "after two infusions my daughter started talking".
	{kind: Outcome, soft: true, re: re(`\bnow (?:\w+ ){0,2}?(?:can|could|is able to|are able to) (?:\w+ )?`, enAbility, `\w*`,
		`|\bis now (?:walking|talking|running|speaking|back to)\b`)},
	{kind: Outcome, soft: true, inside: true, re: re(`\b(?:after|since) (?:\w+ ){0,4}?`, enTreatment, `\b[^.;]*?\b(?:started|began) (?:to )?`, enFirstSteps, `\w*`)},
	// Time-bounded results: "results in just two weeks".
	{kind: Outcome, re: re(`\b(?:results?|improvement|relief|recovery|better|healed|cured|walking|back to normal)\b(?: \w+){0,4}? (?:in|within|after) `,
		`(?:(?:just|only|as little as|as few as) (?:(?:a few|a couple of|one|two|three|four|five|\d+|a single) )?(?:\w+ )?(?:days?|weeks?|months?|sessions?|treatments?|infusions?|injections?|shots?|visits?)|days|hours|a matter of (?:days|weeks))\b`)},
	// Hype, including hedged hype.
	{kind: Hype, re: re(`\bmiracle|\bmiraculous|\bbreakthrough|\blife[- ]changing|\bgame[- ]changer|\bwonder (?:cure|drug|treatment)|\brevolutionary\b|new lease on life|\bmagic\b`,
		`|\bsecond chance\b|\b(?:could|may|might|will|would) (?:\w+ )?be the (?:answer|solution|key|cure)\b|\bholy grail\b`,
		`|\bultimate (?:cure|solution|answer|treatment)\b|\bnew hope\b`,
		`|\b(?:last|only) (?:\w+ )?(?:treatment|therapy|procedure|shot|injection|infusion)s? (?:\w+ ){0,2}?ever need\b`,
		`|\ba thing of the past\b|\brepair kit\b|\bclinically proven\b|\b(?:research|science|studies|study|trials?|evidence) (?:\w+ )?proves?\b`,
		`|\bproven to (?:work|cure|heal|repair|regenerate|reverse|restore)\b`,
		`|\b(?:nothing else|no other \w+)\b[^.]*\b(?:like|as well as|the way) (?:our|we)\b`)},
	// Guarantees and safety promises.
	{kind: Guarantee, re: re(`\bguarantee\w*|\bno side[- ]effects?\b|\bcompletely safe\b|\b100% safe\b|\brisk[- ]free\b|\bzero risk\b|\bworks for everyone\b|\bmoney[- ]back\b`,
		`|\b(?:perfectly|totally|entirely|absolutely) safe\b|\bsafe for (?:everyone|everybody|all ages|any age|all patients|every patient|anyone)\b|\bsafe(?:,| and) proven\b`,
		`|\bor (?:we(?:'ll| will)|you(?:'ll| will)) (?:\w+ ){0,5}?(?:for free|free of charge|refund\w*|pay nothing)\b|\bno (?:results?|cure|improvement),? no (?:fee|pay|charge)\b`,
		`|\bwe(?:'ll| will) (?:\w+ ){0,2}?refund\b|\b(?:full|complete|100 ?%) refund\b|\brefund (?:every|all|your|the full)\b`,
		`|\bzero `, enHarm)},
	// "We promise…", "stem cell therapy promises…": a guarantee or hype made by the speaker or the
	// treatment, though "clinics that promise…" is attribution.
	{kind: Guarantee, inside: true, re: enOwnPromise},
	// Safety promised by denying every harm: "there is no risk of rejection", "never a single
	// complication". Soft, as a trial may report "no serious complications".
	{kind: Guarantee, soft: true, unless: enThirdParty, re: re(`\bthere(?:'s| is| are| will be| would be) (?:absolutely )?no (?:\w+ )?(?:risks?|danger|`, enHarm, `)\b`,
		`|\b(?:with|carries|carry|has|have|involves?|poses?) (?:absolutely )?(?:no|zero) (?:\w+ )?(?:risks?|`, enHarm, `)\b`,
		`|\bnever (?:\w+ ){0,3}?(?:a single|one|any) (?:\w+ ){0,2}?`, enHarm,
		`|\bwithout (?:a single|any|one) (?:\w+ )?`, enHarm,
		`|\b(?:won't|will not|never) (?:have|get|experience|suffer) (?:any |a single )?(?:\w+ )?(?:side[- ]effects?|complications?|risks?)\b`,
		`|\bwithout (?:the |any )?(?:risks?|side[- ]effects|complications|dangers?) of\b`,
		`|\b(?:not (?:a single|one)|no) (?:patients?|one|clients?|person)\b(?: \w+){0,4}? (?:had|has had|suffered|experienced|developed|reported|got) (?:a |an |any )?(?:\w+ )?`, enHarm,
		`|\bnot (?:a single|one) (?:\w+ ){0,5}?`, enHarm)},
	// Rates, and most patients improving.
	{kind: Rate, unless: enTrend, re: re(`\b(?:success|cure|satisfaction) rate|\b\d{2,3}`, enPct, ` (?:of (?:our )?patients )?(?:improve|recover|success|effective|satisf)`,
		`|\b\d{2,3}`, enPct, ` of (?:our )?(?:patients|people|clients|users) (?:\w+ )?(?:are|were|say|said|feel|felt|report|reported) (?:\w+ )?(?:satisfied|happy|better|improved|cured|healed|pain[- ]free)\b`)},
	{kind: Rate, unless: enStudyRe, re: re(`\b(?:our )?(?:patients|clients|customers) (?:\w+ )?(?:report|see|feel|experience|enjoy)\w* (?:up to )?\d{2,3}`, enPct, ` (?:less|fewer|more|better|reduction|improvement)\b`)},
	{kind: Rate, re: re(`\b(?:most|nearly all|almost all|virtually all|all|the (?:vast )?majority of|(?:nine|eight|\d+) out of (?:ten|10)|(?:\d{2,3}|`+enNumberWord+`)(?:\s?%| percent| per cent) of) (?:of )?(?:our )?(?:patients|people|clients|children|users)\b(?: \w+){0,3}? `,
		`(?:see|saw|feel|felt|report|reported|experience|experienced|get|got|notice|noticed|enjoy|enjoyed) (?:a |an )?(?:(?:dramatic|significant|real|major|great|big|huge|remarkable|noticeable|substantial|lasting|clear|rapid|quick|fast|immediate)(?:ally)? )?(?:improvement|results?|benefits?|relief|pain relief|recovery|change|less pain|better)`,
		`|\b(?:thousands|hundreds|millions|\d[\d,]*) of (?:our )?(?:patients|people|families|children) (?:have|has) (?:already )?(?:\w+ )?(?:regained|recovered|been cured|been healed|improved|benefited|walked|returned)`)},
	// Efficacy claims: a treatment, an ability word, an outcome verb.
	{kind: Claim, inside: true, re: re(`\b(?:stem[- ]cells?|cells?|treatments?|therapy|therapies|infusions?|injections?|shots?)\b[^.;]{0,30}?`,
		`\b(?:can|will|could|may|might|help(?:s)?(?: to)?|is able to|are able to)(?: (?:well|just|even|soon|also|actually|finally|now|really|truly))?(?: be able to)?\s+(?:help (?:\w+ ){0,2}?|(?:\w+ ){0,3}?)`,
		`(?:repair|regenerate|restore|heal|reverse|rebuild|replace|fix|treat|improve|eliminate|relieve|boost|rejuvenate|regrow|stop|halt|prevent|beat|spare|protect|slow|delay)\b`)},
	// …and in the present tense: "regular infusions boost your immune system", "the cells home
	// in on damaged tissue and repair it".
	{kind: Claim, inside: true, re: re(`\b`, enTreatment, `\b(?: \w+){0,8}? (?:boost|repair|regenerate|heal|rejuvenate|regrow|strengthen|rebuild)s? (?:it|them|your|the damage|damaged|\w+ tissue|cartilage|joints?|nerves?|muscles?|organs?|bones?)\b`)},
	{kind: Claim, inside: true, soft: true, re: re(`\b`, enTreatment, `\b(?: \w+){0,3}? (?:improve|boost|restore|reverse|relieve|eliminate|cure|heal)s? (?:\w+ )?(?:`, enFunction, `|`, enAilment, `|`, enDisease, `)\b`)},
	{kind: Claim, re: re(`\bcan expect (?:\w+ ){0,4}?(?:to )?(?:improve\w*|recover\w*|results?|relief|a cure|better)\b`)},
}

// Honest context.
var (
	enNegatorRe = compile(`\bnot\b|\bno\b|\bnever\b|\bcannot\b|n't\b|\bunlikely\b|\bneither\b|\bnor\b|\bwithout\b|\bfailed to\b|\bunproven\b|\bunapproved\b|\bnobody\b|\bnone\b|\bnothing\b|\bwhether\b|\bto (?:see|find out|learn|test) if\b` +
		`|\bhop(?:e|es|ed|ing) (?:to|that|for)\b|\bwish(?:es|ed)?\b|\bdream(?:s|ed)? of\b|\blong(?:s|ed)? to\b`)
	// enNotNegator are phrases with a negator word that do not negate what follows: "there's no
	// need for surgery when stem cells can…", "don't just treat symptoms".
	enNotNegator = []string{"no need", "no longer", "no more", "not only", "not just", "n't just", "n't only", "never again"}
	// enEvidenceNegRe negates the whole sentence.
	enEvidenceNegRe = compile(`\bevidence (?:is|was|remains) (?:\w+ )?(?:weak|limited|low|poor|uncertain|inconclusive|lacking|insufficient)\b|\b(?:weak|low-quality|insufficient|inconclusive) evidence\b|` +
		`\bnot (?:supported|backed) by (?:\w+ )?evidence\b|\bno (?:published |clinical |scientific |hard |real )?(?:data|proof)\b|\bno (?:good |reliable |solid |strong |scientific )?evidence\b|\bnot (?:been )?(?:shown|proven|proved|established|approved)\b|\bunproven\b|\bno proof\b|\bit is (?:not|un)(?: yet)? (?:known|clear)\b`)
	// enAttributionRe marks the claim as someone else's, to be distrusted, or as a phrase that is
	// mentioned, not used ("the phrase…"). "We promise" is not attribution but a guarantee.
	enAttributionRe = compile(`\bclaim(?:s|ed|ing)?\b|\badvertis\w*|\bmarket(?:ed|ing)\b|\bso-called\b|\bpurport\w*|\bpromis(?:e|es|ed)\b|\btout\w*|\bbeware\b|\bscam\w*|\bred flags?\b|\bwarning signs?\b|\bbe wary\b|\bfalse\b|\bmisleading\b|\bsuspicious\b` +
		`|\bif (?:someone|somebody|anyone|a clinic|a doctor|a website|a provider|a seller|they) (?:tells|says|claims|promises|offers)\b` +
		`|\b(?:are|is|were|was|being|anyone|anybody|someone|people|patients|you) offered\b` +
		`|\b(?:clinics?|sellers?|providers?|websites?|ads|adverts?|salespeople|sales(?:man|men|woman|person)|marketers|agents?) (?:\w+ )?(?:say|said|tell|told|suggest)\w*\b` +
		`|\b(?:phrases?|words?|terms?|slogans?|wording) (?:like|such as)\b|\bis a (?:phrase|term|word|slogan)\b|\bthe (?:phrase|word|term|slogan)\b` +
		`|\bi(?:'ve| have)? heard (?:that )?\b|\bis it true\b`)
	// enOwnPromise: a promise by the speaker or by the treatment itself.
	enOwnPromise = compile(`\b(?:we|i)(?: \w+)? (?:promise|pledge|assure you)\b|\b` + enTreatment + `(?: \w+)? promis(?:e|es)\b`)
	// enYesNoRe starts a yes/no question (the sentence ends with "?").
	enYesNoRe = compile(`^(?:can|could|will|would|do|does|did|is|are|was|were|should|may|might|has|have|is it true)\b`)
	// enStudyRe: the sentence is about a study.
	enStudyRe = compile(`\b(?:trials?|study|studies|researchers|investigators|placebo|participants|published|review)\b`)
	// enReportRe: a sentence that reports what a study found is not a soft claim.
	enReportRe = compile(`\b(?:trials?|study|studies|researchers|investigators|reported|reports?|review|published|participants|according to|as reported|case)\b`)
	// enPostNegRe negates a cue that it follows in the same clause ("… is not a cure").
	enPostNegRe = compile(`^[^.]{0,30}?\b(?:is|are|was|were|has|have)(?: been)? not\b|^[^.]{0,30}?\b(?:isn't|aren't|wasn't|weren't|hasn't|haven't)\b|^[^.]{0,30}?\bremains? (?:unproven|unclear|uncertain)`)
	// enReportedRe and enRefutedRe: a promise someone made that the sentence says failed ("she
	// was told the infusion would reverse her MS, and it did not").
	enReportedRe = compile(`\b(?:told|said|promised|assured|believed|hoped|expected|was sold)\b`)
	enRefutedRe  = compile(`\b(?:but|and|yet)\b[^.]*\b(?:did not|didn't|never did|has not|hasn't|had not|hadn't|was not|wasn't|nothing changed|no change|got worse|did nothing)\b`)
	// Non-medical senses: meat cured with salt, concrete left to cure; and cure rates that rose
	// over the years (enTrend) are history…
	enNotMedicalCure = compile(enTrend.String() +
		`|\b(?:concrete|cement|mortar|resin|epoxy|adhesive|glue|varnish|grout|plaster|paint|coating|polymer)s?\b` +
		`|\bcur(?:e|es|ed|ing) (?:\w+ ){0,2}?(?:meats?|hams?|bacon|fish|salmon|pork|sausages?|hides?|leather|tobacco|cheeses?|olives)\b` +
		`|\b(?:meat|ham|bacon|fish|tobacco|salt|uv)s? (?:\w+ ){0,3}?cur(?:e|es|ed|ing)\b|\bcur(?:e|ing) time\b|\bsalt[- ]cur`)
	// …the car reversed out of the car park, the reverse side, the court reversed a ruling.
	enNotMedicalReverse = compile(`\brevers(?:e|es|ed|ing) (?:slowly |carefully |quickly )?(?:out of|into|down|up|along|onto|off|away)\b` +
		`|\brevers\w* (?:side|order|direction|gear|osmosis|engineer\w*|mortgage|transcriptase|psychology|image|chronological|phone)\b|\bin reverse\b` +
		`|\b(?:court|courts|judges?|appeals?|tribunal|justices?|ruling|verdict|conviction|policy)\b[^.]*\brevers|\brevers\w* (?:\w+ ){0,3}?(?:on appeal|by the court)` +
		`|\brevers\w* (?:\w+ ){0,3}?(?:ruling|verdict|decision|judge?ments?|conviction|policy)\b`)
	// enTrend: a rate that has risen over the years is history, not a promise ("cure rates for
	// childhood leukaemia have risen").
	enTrend = compile(`\brates? (?:\w+ ){0,4}?(?:have|has|had)? ?(?:risen|rose|increased|improved|grown|fallen|fell|dropped|declined|doubled)\b`)
	// enThirdParty: a risk denied to a donor or a baby is no promise to the patient.
	enThirdParty = compile(`\b(?:donors?|mothers?|babies|baby|newborns?)\b`)
	// enNature and enTreatmentRe: regeneration in animals or a healthy organ is biology.
	enNature = compile(`\b(?:salamanders?|newts?|axolotls?|lizards?|starfish|zebrafish|planarians?|flatworms?|deer antlers?|the liver)\b`)
	// enEstablished: a blood stem-cell transplant for some blood diseases, said narrowly.
	enEstablished = [3]*pattern{
		compile(`\b(?:blood[- ](?:forming )?stem[- ]cell transplant|bone[- ]marrow transplant|cord[- ]blood transplant|haematopoietic|hematopoietic|hsct)`),
		compile(`\b(?:leuka?emias?|lymphomas?|myelomas?|blood cancers?|blood disorders?|thalassa?emia|sickle|aplastic|immune deficienc)`),
		compile(`\b(?:some|certain|a few|selected|specific)\b`),
	}
	// enRehab: therapies that are not the treatment in question ("physical therapy may help
	// people regain strength").
	enRehab = strings.NewReplacer("physical therapy", "~", "physiotherapy", "~", "occupational therapy", "~",
		"speech therapy", "~", "rehabilitation therapy", "~")
	enTreatmentRe = compile(`\b` + enTreatment + `\b|\bclinics?\b|\bsessions?\b|\bprotocols?\b` +
		`|\bour (?:clinic|cent(?:er|re)|team|patients|program(?:me)?|protocol|therapy|treatment)s?\b|\bwe (?:have )?(?:helped|treated|offer)\b`)
)
