package promise

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"patientqa/normalize"
)

func TestSentence(t *testing.T) {
	tests := []struct {
		text    string
		promise bool
	}{
		// Promises, all three scripts.
		{"干细胞可以根治渐冻症。", true},
		{"幹細胞可以根治漸凍症。", true},
		{"Stem cells can cure ALS.", true},
		{"一针见效，药到病除。", true},
		{"我们保证疗效，无效退款。", true},
		{"干细胞治疗有效率高达95%。", true},
		{"Our treatment has a 90% success rate.", true},
		{"干细胞回输将为更多患者带来福音。", true},
		{"Guaranteed results with no side effects.", true},
		{"Stem cells will regenerate damaged tissue.", true},
		{"This therapy may reverse ageing.", true},
		{"干细胞有望修复受损神经。", true},
		{"幹細胞療法安全無副作用。", true},
		{"輸注幹細胞可以幫助恢復健康。", true},
		{"干细胞能够逆转糖尿病。", true},
		{"A miracle treatment for autism.", true},
		{"干细胞疗法可以治疗多种疾病。", true},
		// Honest sentences and negations: not promises.
		{"目前没有证据表明干细胞能治愈渐冻症。", false},
		{"目前沒有證據表明幹細胞能治癒漸凍症。", false},
		{"诊所声称能根治，但这没有可靠的证据支持。", false},
		{"凡宣称“包治百病”“绝对安全”“一针见效”的，可判断为骗局。", false},
		{"There is no cure for ALS, and stem cells have not been shown to help.", false},
		{"Stem cells are not a cure for autism.", false},
		{"Clinics that claim to cure many diseases are a red flag.", false},
		{"一项约375人的随机对照试验没有发现死亡率降低。", false},
		{"造血干细胞移植是白血病等血液肿瘤的标准治疗之一。", false},
		{"Blood stem-cell transplant is an established treatment for some blood cancers.", false},
		{"干细胞并不能修复受损的心脏。", false},
		{"这些治疗未被证明安全有效。", false},
		{"NurOwn did not improve function compared with placebo.", false},
		{"艾米迈托赛注射液获批用于激素治疗失败的急性移植物抗宿主病。", false},
		{"如果注射后出现胸痛或呼吸困难，请立即拨打120。", false},
		{"正规的干细胞临床研究不得向受试者收费。", false},
		{"宣传“有效率”的医疗广告属于违法广告。", false},
		{"Be wary of clinics promising a permanent fix.", false},
		{"不同类型的干细胞作用不同。", false},

		// Walking, seeing, growing again; abilities regained (only with a treatment named).
		{"做完三次回输，我爸终于可以重新站起来了。", true},
		{"注射干细胞可以让秃顶重新长出头发。", true},
		{"这种细胞疗法帮助患者恢复听力。", true},
		{"幹細胞療程令佢可以行返路。", true},
		{"The injections helped him walk again after ten years.", true},
		{"Patients regain full mobility after a single session.", true},
		{"化疗结束后，头发通常会重新长出来。", false},
		{"术后需要一段时间恢复体力。", false},
		{"Physiotherapy helps many people regain their strength.", false},
		// Rid of a treatment, an aid or an ailment.
		{"做了干细胞移植，我再也不用洗肾了。", true},
		{"打完三针，阿爺唔使再食降糖藥。", true},
		{"一次回输，从此摆脱关节痛的困扰。", true},
		{"Thanks to stem cells, my father is off dialysis.", true},
		{"You can finally say goodbye to chronic back pain.", true},
		{"Our regenerative injections eliminate the need for knee surgery.", true},
		{"研究报告其中10人一年时不再需要注射胰岛素。", false}, // a finding, not a promise
		{"In the trial, 10 of 12 participants no longer needed insulin at one year, but two died.", false},
		{"不要因为打了干细胞就擅自停用降压药。", false},
		// Not coming back.
		{"做完移植，腎病唔會再復發。", true},
		{"回输干细胞后，哮喘再也没有发作过。", true},
		{"My arthritis hasn't flared up once since the injections.", true},
		{"医生不能保证移植后不会复发。", false},
		{"停药后病情可能会再发作，请遵医嘱。", false},
		// Testimonials.
		{"干细胞输注后，孩子两周就开口说话了。", true},
		{"我老公打了五针，现在能自己上楼梯了。", true},
		{"After her third infusion, my daughter began to speak in full sentences.", true},
		{"After the shots, my mother is now walking without a walker.", true},
		{"打完疫苗后，孩子现在能去上学了。", false},
		{"打完干细胞后，他出现了高烧和寒战。", false},
		{"After the injection, she developed an infection and was admitted to hospital.", false},
		// Results within a time.
		{"只需一个疗程就能见效。", true},
		{"打完针即刻唔痛。", true},
		{"Patients see results in just two weeks.", true},
		{"注射部位的轻微红肿通常几天就会消失。", false},
		{"Recovery after the biopsy usually takes a few days.", false},
		// Safety promised by denying every harm; guarantees.
		{"我们的细胞经过严格筛选，绝无风险。", true},
		{"自體幹細胞包冇事，唔會有任何副作用。", true},
		{"我們的療程從未發生過任何併發症。", true},
		{"这种疗法人人都适合，放心使用。", true},
		{"Stem cell therapy is safe for everyone, even the elderly.", true},
		{"Not a single patient has ever had a complication at our clinic.", true},
		{"There are no side effects or risks because the cells are your own.", true},
		{"三个疗程治不好，全额退还费用。", true},
		{"这种疗法对每一位患者都有效。", true},
		{"We promise your pain will be gone.", true},
		{"If you don't see improvement, we will refund every cent.", true},
		{"任何治疗都不是完全没有风险的。", false},
		{"脐带血采集对母亲和婴儿没有风险。", false},
		{"这项研究中没有任何患者出现严重并发症。", false},
		{"No serious complications were reported in the small trial.", false},
		{"We cannot promise that any treatment will work.", false},
		{"Nobody can promise that you will never need surgery.", false},
		// Rates: most patients improving.
		{"九成以上的患者治疗后都有明显改善。", true},
		{"85%的患者在一个月内症状显著改善。", true},
		{"9 out of 10 patients report less pain after treatment.", true},
		{"Over 95% of patients are satisfied with their results.", true},
		{"In the trial, most patients saw no improvement.", false},
		{"Cure rates in Hodgkin lymphoma rose steadily after combination chemotherapy arrived.", false},
		// Hype, hedged hype included.
		{"干细胞是人类战胜衰老的终极武器。", true},
		{"干细胞技术将攻克癌症。", true},
		{"This therapy could be the key to beating Parkinson's.", true},
		{"Stem cells give patients a second chance at life.", true},
		{"This is the last treatment you will ever need.", true},
		{"科学家仍在攻克干细胞治疗的安全性难题。", false},
		// Anti-ageing.
		{"每月一针，让你看起来年轻十年。", true},
		{"打完之后白頭髮都變返黑。", true},
		{"干细胞面膜让肌肤重返十八岁。", true},
		{"Look ten years younger with stem cell facials.", true},
		{"年轻患者的恢复通常更快。", false},
		// Cantonese forms and negations.
		{"呢個療程醫得好糖尿病。", true},
		{"打完幹細胞，關節痛好返晒。", true},
		{"幹細胞令受損嘅神經重生。", true},
		{"幹細胞唔會令你嘅病好返。", false},
		{"暫時冇研究證明幹細胞醫得好自閉症。", false},
		{"醫生話幹細胞未必醫得好佢。", false},
		// Efficacy claims in the present tense, hedged or helped.
		{"The infusion strengthens your heart and protects it from future attacks.", true},
		{"Stem cells may be able to stop the progression of Parkinson's.", true},
		{"Your body will heal itself once the stem cells are in place.", true},
		{"康复训练可以帮助中风患者改善行走能力。", false},
		// Non-medical senses, research framing, refuted promises, questions, nature.
		{"Turn the form over and fill in the reverse side.", false},
		{"Leave the new concrete slab to cure for seven days.", false},
		{"The ruling was reversed on appeal.", false},
		{"这个判决逆转了一审的结果。", false},
		{"Researchers are studying whether stem cells can repair heart muscle.", false},
		{"研究人员正在研究干细胞能否修复心肌。", false},
		{"The seller said the cells would cure her, but her condition got worse.", false},
		{"医生说打几针就能治好，结果一点效果都没有。", false},
		{"干细胞真的能治好糖尿病吗？", false},
		{"Will stem cell injections let me walk again?", false},
		{"Why suffer any longer when stem cells can repair your joints?", true},
		{"壁虎的尾巴断了还能重新长出来。", false},
		{"Salamanders can regrow lost limbs.", false},
		{"Clinics often say patients will walk again, which is not supported by evidence.", false},
		{"效果特别神奇，打一次就见效。", true},
		// More outcomes: the root cause, a function greatly improved, everyone benefits, many
		// patients improved, a universal fix, lasting relief, back to work, regained anything.
		{"干细胞回输能从根本上解决糖尿病。", true},
		{"干细胞能让中风病人的语言功能明显恢复。", true},
		{"只要坚持治疗，人人都能重获健康。", true},
		{"许多患者只打了一针，疼痛就明显好转。", true},
		{"我个女打咗两次针，而家识自己食饭。", true},
		{"表姐的类风湿治了一个月，现在能爬山了。", true},
		{"洗咗幹細胞之後，阿嫲唔使再用輪椅。", true},
		{"呢個療程醫唔好就全數退款。", true},
		{"干细胞被誉为二十一世纪的医学革命。", true},
		{"Stem cells fix anything from torn ligaments to worn cartilage.", true},
		{"Enjoy long-lasting relief from back pain.", true},
		{"Our program will get you back to work within a month.", true},
		{"Stem cells will help your knee regain its full range of motion.", true},
		{"You will never need to take blood pressure pills again.", true},
		{"Injections of stem cells improve mobility in people with MS.", true},
		{"These infusions can slow, halt and even reverse memory loss.", true},
		{"Eighty percent of our clients report dramatic results.", true},
		{"Clients report up to 90% less joint pain.", true},
		{"Studies prove that stem cells reverse heart damage.", true},
		{"Nothing else can heal joints the way our stem cells do.", true},
		{"With our infusion you won't experience any side effects.", true},
		{"Chronic pain will soon be a thing of the past.", true},
		{"很多患者希望干细胞能带来好转，但现有研究并不支持。", false},
		{"他在车祸后经过长期康复训练，现在能自己走路。", false},
		{"Physical therapy may help people regain strength after a long hospital stay.", false},
		{"Some trials suggest that cells may slightly improve walking, but the evidence is weak.", false},
		{"There is no data showing that these injections slow Alzheimer's disease.", false},
		// Mentions and distrust, non-medical senses, the one proven use said narrowly.
		{"医生提醒家长当心“包治百病”之类的口号。", false},
		{"\"Miracle cure\" is a term regulators warn about.", false},
		{"The salesman said it would fix her knee, but he had no data to show.", false},
		{"The delivery van reversed into the loading bay.", false},
		{"The epoxy takes 24 hours to fully cure.", false},
		{"Blood stem cell transplants can cure some leukaemias but carry a risk of death.", false},
		{"造血幹細胞移植可以治療部分血癌，但風險唔細。", false},
		{"Regular exercise can slow the loss of muscle strength in older adults.", false},
	}
	for _, tt := range tests {
		f, got := Sentence(tt.text)
		if got != tt.promise {
			t.Errorf("Sentence(%q) = %v (cue %q, kind %s), want %v", tt.text, got, f.Cue, f.Kind, tt.promise)
		}
	}
}

// TestClinicSample checks every sentence of the clinic marketing page in testdata (a copy of
// ../shared/samples/clinic-marketing-zh.txt): each one labelled promissory by hand is flagged,
// and the plainly neutral ones are not.
func TestClinicSample(t *testing.T) {
	b, err := os.ReadFile("testdata/clinic-marketing-zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	sentences := normalize.Sentences(string(b))
	if len(sentences) < 70 {
		t.Fatalf("only %d sentences split from the sample", len(sentences))
	}
	promises := []string{
		"它利用干细胞的特性来促进修复和再生",
		"以帮助修复或再生受损的组织和器官",
		"以发挥修复、再生或免疫调节的作用",
		"利用干细胞的修复和再生特性来改善患者的健康状况",
		"对损伤组织的再生作用",
		"修复受损或衰退的组织",
		"替代受损组织中的细胞,从而恢复其正常功能",
		"修复受损的心脏组织;在神经退行性疾病中",
		"促进局部组织的修复与再生",
		"能够通过调节免疫系统来缓解自体免疫反应",
		"从而帮助减少自身免疫性疾病的症状",
		"干细胞回输能够通过调节免疫系统,减轻病情",
		"增强机体的抗感染能力",
		"恢复患者的血液系统功能",
		"帮助重建血液系统",
		"改善局部组织的微环境",
		"修复损伤的细胞",
		"能够提高受损组织的修复效率",
		"展现出广阔的前景",
		"恢复心脏的正常功能。",
		"帮助修复受损的心脏组织和血管",
		"帮助修复受损的神经组织",
		"从而减轻病情。",
		"修复受到损伤的骨髓和造血系统",
		"帮助患者重建免疫系统和血液系统",
		"帮助恢复正常的胰岛素分泌",
		"表现出巨大潜力",
		"应用前景非常广阔",
		"帮助患者恢复健康",
		"正在改变传统医学的治疗模式",
		"为许多患者带来了希望",
		"临床应用前景不可限量",
		"为更多患者带来福音",
	}
	neutral := []string{
		"免费在线咨询",
		"苏州哪个医院可以注射干细胞?",
		"干细胞回输通常通过静脉注射、局部注射或其他输注方式进行。",
		"造血干细胞(HSC)是来源于骨髓的干细胞",
		"心肌组织损伤通常是不可逆的",
		"免疫系统错误地攻击自身组织",
		"干细胞回输的靠谱性和长期效果仍需进一步验证。",
		"都需要在临床研究中进一步探索和解决。",
	}
	find := func(sub string) string {
		for _, s := range sentences {
			if strings.Contains(s, sub) {
				return s
			}
		}
		t.Fatalf("no sentence of the sample contains %q", sub)
		return ""
	}
	for _, sub := range promises {
		s := find(sub)
		if _, ok := Sentence(s); !ok {
			t.Errorf("promise not flagged: %s", s)
		}
	}
	for _, sub := range neutral {
		s := find(sub)
		if f, ok := Sentence(s); ok {
			t.Errorf("neutral sentence flagged (cue %q): %s", f.Cue, s)
		}
	}
}

func TestCheck(t *testing.T) {
	text := "BAMI试验没有发现差异[1]。干细胞可以根治渐冻症。请咨询医生[2]。"
	got := Check(text)
	if len(got) != 1 || !strings.Contains(got[0].Sentence, "根治") || got[0].Kind != Outcome {
		t.Fatalf("Check = %+v, want exactly the 根治 sentence", got)
	}
}

// TestLabelledClaims measures precision and recall on the hand-labelled sentences of
// ../eval/testdata/claims.yaml and logs every miss and false alarm.
func TestLabelledClaims(t *testing.T) {
	b, err := os.ReadFile("../eval/testdata/claims.yaml")
	if err != nil {
		t.Skip("no labelled set:", err)
	}
	var set struct {
		Claims []struct {
			Text    string `yaml:"text"`
			Promise bool   `yaml:"promise"`
		} `yaml:"claims"`
	}
	if err := yaml.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn int
	for _, c := range set.Claims {
		f, got := Sentence(c.Text)
		switch {
		case got && c.Promise:
			tp++
		case got:
			fp++
			t.Logf("false alarm (cue %q): %s", f.Cue, c.Text)
		case c.Promise:
			fn++
			t.Logf("miss: %s", c.Text)
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("%d sentences: precision %.3f, recall %.3f", len(set.Claims), p, r)
	if p < 0.95 || r < 0.95 {
		t.Errorf("precision %.3f, recall %.3f: want both >= 0.95", p, r)
	}
}

// TestGate checks that no pattern's gate rejects a sentence its expression matches.
func TestGate(t *testing.T) {
	patterns := []*pattern{enNegatorRe, enEvidenceNegRe, enAttributionRe, enOwnPromise, enYesNoRe,
		enReportRe, enPostNegRe, enReportedRe, enRefutedRe, enNotMedicalCure, enNotMedicalReverse, enTrend,
		enThirdParty, enNature, enTreatmentRe}
	for _, c := range enCues {
		patterns = append(patterns, c.re)
		if c.unless != nil {
			patterns = append(patterns, c.unless)
		}
	}
	texts := []string{
		"Stem cells can cure ALS.", "Guaranteed results with no side effects.", "She is now walking again.",
		"My MS has not come back since the transplant.", "There is no risk of rejection.",
		"Most of our patients see a dramatic improvement within days.", "We promise results.",
		"Cure rates have risen over the decades.", "The court reversed it.", "Can it cure me?",
		"it is not known whether the liver regenerates", "Say goodbye to insulin and pain.",
	}
	for _, tt := range texts {
		en, _, _ := normalize.ASCII(normalize.Fold(tt))
		for _, p := range patterns {
			if p.re.MatchString(en) && !p.open(en) {
				t.Errorf("gate of %s rejects %q, which it matches", p, tt)
			}
		}
	}
	for _, c := range enCues {
		if len(c.re.gate()) == 0 {
			t.Errorf("no gate derived for %s", c.re)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	text := "造血干细胞移植是部分血液肿瘤的标准治疗[1]。一项375人的随机对照试验没有发现死亡率差异[2]。目前没有证据表明干细胞能治愈渐冻症[3]。请与您的医生讨论[4]。"
	b.ReportAllocs()
	for b.Loop() {
		Check(text)
	}
}
