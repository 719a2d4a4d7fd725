package triage

import (
	"slices"
	"testing"
	"unicode/utf8"

	"patientqa"
	"patientqa/normalize"
)

// TestAssess: each body system of redflags.yaml, in the scripts and languages people write,
// and the contexts that discount a sign (past, resolved, hypothetical, reported, negated,
// idiom). The blind sets in triage/testdata/understand measure what these examples cannot.
func TestAssess(t *testing.T) {
	const (
		emg = patientqa.UrgencyEmergency
		cri = patientqa.UrgencyCrisis
		urg = patientqa.UrgencyUrgent
		non = patientqa.UrgencyNone
	)
	tests := []struct {
		q      string
		want   string
		system string // a system that must have decided it ("" to skip)
	}{
		{"刚回输完干细胞，胸口像压了块石头", emg, "cardiac"},
		{"my chest feels tight and heavy since the infusion", emg, "cardiac"},
		{"老人家打完干细胞嘴歪了，说话也不清楚", emg, "stroke"},
		{"佢講嘢含含糊糊，右手冇晒力", emg, "stroke"},
		{"her face is drooping on one side", emg, "stroke"},
		{"輸完細胞以後呼吸困難", emg, "breathing"},
		{"my son's inhaler isn't helping and he can barely say a word", emg, "breathing"},
		{"打完针喉咙发紧，舌头肿了", emg, "anaphylaxis"},
		{"昨天做完回输，今天高烧39度还一直发抖", emg, "sepsis"},
		{"做完鞘内注射后两条腿动不了，小便也解不出", emg, "spinal-neuro"},
		{"worst headache of my life 20 min ago and my neck is stiff", emg, "meningeal"},
		{"眼内打了干细胞，今早眼前像有一片窗帘挡住", emg, "eye"},
		{"my mum keeps throwing up stuff that looks like coffee grounds", emg, "bleeding"},
		{"奶奶叫不醒了", emg, "consciousness"},
		{"孩子打完干细胞一直抽搐", emg, "seizure"},
		{"我爸突然肚子痛得在地上打滚", emg, "severe-pain"},
		{"我妈刚把一整瓶安眠药吃了", emg, "poisoning-overdose"},
		{"he is confused and sweating and shaking, he's diabetic", emg, ""},
		{"我不想活了", cri, "crisis"},
		{"如果这次再没用我就不拖累你们了", cri, "crisis"},
		{"I've been saving up my sleeping pills", cri, "crisis"},
		{"我真係唔想再醒返", cri, "crisis"},
		{"诊所说打了干细胞就能停胰岛素，我爸已经三天没打了", urg, "stopping-treatment"},
		{"打干细胞的针眼越来越红，还流脓", urg, "wound"},
		{"打完干细胞有点低烧37.6", urg, ""},
		{"打完之后身上起了红疹，呼吸没问题", urg, "rash"},
		// Discounted: past and resolved, hypothetical, reported, negated, idioms.
		{"去年打完干细胞抽搐过一次，后来就好了", non, ""},
		{"what if I get a fever after the infusion?", non, ""},
		{"干细胞会不会引起中风", non, ""},
		{"新闻说有人打完干细胞失明了", non, ""},
		{"打完针没有胸痛，也没有发烧", non, ""},
		{"笑死，排队排到想死", non, ""},
		{"this price is killing me", non, ""},
		{"Will CAR-T kill me? What's the death rate", non, ""},
		{"我爸十年前中风过，现在左边身体还是没力气", non, ""},
		{"昨天打的流感针，今天手臂有点酸", non, ""},
		{"如果打完干细胞回家突然发烧到39度，要回诊所还是直接去急诊？", non, ""},
		{"要是真截了我就不活了", cri, "crisis"},
		{"我爷爷从梯子上摔下来头着地，过了两个小时开始吐，一直说困", emg, "head-injury"},
	}
	for _, tt := range tests {
		got := Classify(normalize.Fold(tt.q))
		if got.Urgency != tt.want {
			t.Errorf("Assess(%q) = %s %v, want %s", tt.q, got.Urgency, got.Systems, tt.want)
			continue
		}
		if tt.system != "" && !slices.Contains(got.Systems, tt.system) {
			t.Errorf("Assess(%q) decided by %v, want %s among them", tt.q, got.Systems, tt.system)
		}
	}
}

// TestHistoryGivesContextNotUrgency: an essential treatment named earlier in the conversation
// makes "I stopped" urgent; an earlier emergency does not make a later question one.
func TestHistoryGivesContextNotUrgency(t *testing.T) {
	h := normalize.Fold("my husband has a kidney transplant and a clinic says stem cells can replace his tacrolimus")
	if got := Classify(normalize.Fold("he already stopped 3 days ago, is that ok?"), h); got.Urgency != patientqa.UrgencyUrgent {
		t.Errorf("follow-up = %s, want urgent", got.Urgency)
	}
	h = normalize.Fold("打完干细胞胸口很痛")
	if got := Classify(normalize.Fold("那香港可以做吗"), h); got.Urgency != patientqa.UrgencyNone {
		t.Errorf("follow-up = %s, want none", got.Urgency)
	}
}

func TestTaxonomyParses(t *testing.T) {
	if _, err := parseTaxonomy([]byte("cues: {later: {zh: [a]}}")); err == nil {
		t.Error("an unknown cue must be an error")
	}
	if _, err := parseTaxonomy([]byte("systems: [{id: x, level: sometimes, zh: [a]}]")); err == nil {
		t.Error("an unknown level must be an error")
	}
	if _, err := parseTaxonomy([]byte("systems: [{id: x, level: emergency, zh: ['(']}]")); err == nil {
		t.Error("a bad pattern must be an error")
	}
	if _, err := parseFacets([]byte("regions: {atlantis: {en: [x]}}")); err == nil {
		t.Error("an unknown region must be an error")
	}
}

// FuzzClassify: any text is classified without a panic into a known urgency, the same with and
// without a conversation that adds nothing, and Words never returns a non-word.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"我不想活了", "chest pain now", "打完干细胞现在胸口痛，如果", "no no no", "",
		"，，，。。。", "叫 不 醒", "\u00a0seizure\u200b", "去年胸痛，现在又胸痛"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		folded := normalize.Fold(s)
		r := Classify(folded)
		if !slices.Contains(patientqa.Urgencies, r.Urgency) {
			t.Fatalf("Classify(%q).Urgency = %q", s, r.Urgency)
		}
		if r2 := Classify(folded, ""); r2.Urgency != r.Urgency {
			t.Fatalf("an empty history changed %q: %s vs %s", s, r.Urgency, r2.Urgency)
		}
		if (r.Urgency == patientqa.UrgencyEmergency || r.Urgency == patientqa.UrgencyCrisis) != (r.Category == patientqa.CatEmergency) {
			t.Fatalf("%q: urgency %s but category %s", s, r.Urgency, r.Category)
		}
	})
}

// BenchmarkClassifyLong classifies a 2000-character worried story (the longest question the
// API accepts), the worst case for the sign and cue patterns.
func BenchmarkClassifyLong(b *testing.B) {
	story := "我爸去年中风，今年在诊所打了三次干细胞，医生说会有好转反应，昨天晚上开始说胸口有点闷，" +
		"不过后来好了，今天早上又说头痛，没有发烧，我们不知道要不要去医院，"
	var s string
	for utf8.RuneCountInString(s) < 1950 {
		s += story
	}
	folded := normalize.Fold(s)
	b.ReportAllocs()
	for b.Loop() {
		Classify(folded)
	}
}

// TestSpacesEndClauses: a space typed between Chinese characters ends a clause for negation:
// "一点汗都没有 胡言乱语" denies the sweat, not the confusion; without the space it would read
// as "no confusion".
func TestSpacesEndClauses(t *testing.T) {
	folded, spaces := normalize.FoldSpaces("爷爷晒了一下午 一点汗都没有 胡言乱语")
	if got := ClassifySpaced(folded, spaces); got.Urgency != patientqa.UrgencyEmergency {
		t.Errorf("with the spaces: %s, want emergency", got.Urgency)
	}
	if got := assess(newText(folded), nil); got.Urgency == patientqa.UrgencyEmergency {
		t.Errorf("without the spaces the taxonomy's negation reaches the sign; the test no longer shows anything")
	}
}
