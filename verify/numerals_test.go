package verify

import "testing"

func TestDigitsForNumerals(t *testing.T) {
	for in, want := range map[string]string{
		"五十一项研究":                "51项研究",
		"两组患者":                  "两组患者",
		"三个州共报告":                "3个州共报告",
		"十二月":                   "12月",
		"三百零五例":                 "305例",
		"两三个":                   "两三个",
		"统一标准，一致认为":             "统一标准，一致认为",
		"a seven-year approval": "a 7-year approval",
		"twenty-one of them":    "21 of them",
		"no one knows":          "no one knows",
		"one in five people":    "one in 5 people",
		"一项研究":                  "一项研究",
		"十一项":                   "11项",
		"someone, anyone":       "someone, anyone",
		"often":                 "often",
	} {
		if got := digitsForNumerals(in); got != want {
			t.Errorf("digitsForNumerals(%q) = %q, want %q", in, got, want)
		}
	}
}
