package answer

import (
	"context"
	"slices"
	"testing"

	"patientqa"
)

// TestThemes asks one question per theme of the corpus, in Chinese and in English, and checks
// that the answer is not refused and cites a document of that theme (topic or condition).
func TestThemes(t *testing.T) {
	e := engine(t)
	tests := []struct {
		theme  string // a topic or condition of corpus/vocabulary.yaml
		zh, en string
	}{
		{"basics", "什么是干细胞？有哪几种？", "What are stem cells and what types are there?"},
		{"mechanism", "干细胞回输到底是怎么起作用的", "How is a stem cell infusion supposed to work in the body?"},
		{"proven-use", "哪些干细胞治疗是已经被证实的", "Which stem cell treatments are actually proven?"},
		{"cord-blood", "孩子的脐带血有必要存吗", "Should I bank my baby's cord blood?"},
		{"approved-products", "国内批准上市的干细胞药品有哪些", "Which stem cell products has the FDA approved?"},
		{"harms", "打干细胞有哪些风险和伤害", "What harms have unproven stem cell treatments caused?"},
		{"myths", "用自己的干细胞是不是就一定安全", "Is it safe if the clinic uses my own cells?"},
		{"tourism", "出国去打干细胞靠谱吗", "Is it a good idea to travel abroad for stem cell treatment?"},
		{"regulation-china", "国家对干细胞临床研究有什么规定", "What are China's rules for stem cell clinical research?"},
		{"regulation-us", "美国FDA怎么管干细胞诊所", "How does the FDA regulate stem cell clinics?"},
		{"regulation-eu", "欧盟批准过哪些干细胞药品", "Has the European Union approved any stem cell medicine?"},
		{"regulation-other", "香港对细胞治疗有什么规定", "What are the rules on cell therapy in Japan?"},
		{"check-provider", "怎么查一个干细胞研究项目有没有备案", "How can I check that a stem cell study is registered?"},
		{"red-flags", "怎么识别干细胞骗局", "What are the warning signs of a stem cell scam?"},
		{"report-harm", "被干细胞机构骗了可以去哪里投诉举报", "How do I report harm from a stem cell treatment?"},
		{"emergency", "打了干细胞以后出现危险情况应该打哪个急救电话", "Which emergency number should I call after a bad reaction to an injection?"},
		{"trials", "正规的干细胞临床试验是什么样的", "What does a genuine stem cell clinical trial look like?"},
		{"see-doctor", "考虑干细胞治疗之前应该问医生什么", "What should I ask my doctor before stem cell treatment?"},
		{"heart-attack", "心梗以后打干细胞有用吗", "Do stem cells help after a heart attack?"},
		{"heart-failure", "心衰可以用干细胞治疗吗", "Is stem cell therapy useful for heart failure?"},
		{"stroke", "脑梗后遗症打干细胞有效果吗", "Can stem cells help stroke recovery?"},
		{"als", "渐冻症打干细胞有没有用", "Do stem cells work for ALS?"},
		{"parkinsons", "帕金森病有干细胞疗法吗", "Is there a stem cell therapy for Parkinson's disease?"},
		{"ms", "多发性硬化能做干细胞移植吗", "What did trials find for stem cells in multiple sclerosis?"},
		{"spinal-cord-injury", "脊髓损伤截瘫打干细胞有用吗", "Do stem cells help spinal cord injury?"},
		{"autism", "自闭症孩子输脐带血有效吗", "Does cord blood help children with autism?"},
		{"type1-diabetes", "1型糖尿病能用干细胞治疗吗", "Can stem cells treat type 1 diabetes?"},
		{"knee-oa", "膝关节炎打干细胞有用吗", "Do stem cell injections help knee osteoarthritis?"},
		{"gvhd", "移植物抗宿主病有批准的干细胞药吗", "Is there an approved cell therapy for graft-versus-host disease?"},
		{"eye", "黄斑变性可以打干细胞吗", "Are stem cell eye injections safe for macular degeneration?"},
		{"cirrhosis", "肝硬化输干细胞有用吗", "Do stem cells help liver cirrhosis?"},
		{"lupus", "红斑狼疮可以用干细胞治疗吗", "Do stem cells work for lupus?"},
		{"cerebral-palsy", "脑瘫孩子打干细胞有效果吗", "Can stem cells help cerebral palsy?"},
		{"ageing", "干细胞抗衰老靠谱吗", "Do anti-ageing stem cell infusions work?"},
		{"hair-loss", "脱发可以用干细胞治疗吗", "Can stem cells treat hair loss?"},
		{"sexual-function", "干细胞能改善勃起功能障碍吗", "Do stem cell treatments help erectile dysfunction?"},
		{"covid", "新冠可以用干细胞治疗吗", "Did stem cells help COVID-19 patients?"},
		{"blood-cancer", "白血病可以做干细胞移植吗", "Is a stem cell transplant used for leukaemia?"},
		{"crohns", "克罗恩病肛瘘的干细胞药现在还有吗", "What happened to the stem cell medicine for Crohn's fistulas in Europe?"},
	}
	for _, tt := range tests {
		for _, q := range []string{tt.zh, tt.en} {
			a, err := e.Ask(context.Background(), patientqa.Question{Text: q})
			if err != nil {
				t.Fatal(err)
			}
			ok := slices.ContainsFunc(a.Citations, func(c patientqa.Citation) bool {
				d := e.corpus.Doc(c.ID)
				return slices.Contains(d.Topics, tt.theme) || slices.Contains(d.Conditions, tt.theme)
			})
			if a.Refused || !ok {
				var ids []string
				for _, c := range a.Citations {
					ids = append(ids, c.ID)
				}
				t.Errorf("%s: %q: refused=%v category=%s cites %v", tt.theme, q, a.Refused, a.Category, ids)
			}
		}
	}
}
