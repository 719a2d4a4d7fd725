package promise

import (
	"os"
	"strings"
	"testing"

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

func BenchmarkCheck(b *testing.B) {
	text := "造血干细胞移植是部分血液肿瘤的标准治疗[1]。一项375人的随机对照试验没有发现死亡率差异[2]。目前没有证据表明干细胞能治愈渐冻症[3]。请与您的医生讨论[4]。"
	b.ReportAllocs()
	for b.Loop() {
		Check(text)
	}
}
