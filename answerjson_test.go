package patientqa

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAnswerJSON: an answer encoded once and sent with an answer_id is what encoding/json
// makes of the answer with that id, whichever optional fields are set and whatever the text
// holds (HTML, quotes, line separators, invalid UTF-8, text that looks like the id member).
func TestAnswerJSON(t *testing.T) {
	cits := []Citation{{N: 1, ID: "doc", Title: `<b>"title"</b> & more`, URL: "https://x.org/?a=1&b=2"}}
	answers := []Answer{
		{},
		{Answer: "plain", Citations: []Citation{}, Lang: LangEn, Composer: "extractive", CorpusVersion: "v1"},
		{Answer: "a <script>\"x\"</script> \u2028 \u2029 \x00 \xff 中文 [1]", Citations: cits, Refused: true,
			Category: CatProvider, Emergency: true, Referral: true, Disclaimer: "d", Lang: ZhHant,
			CorpusVersion: "v2", Composer: "llm", FallbackReason: "timeout", Also: []Category{CatPersonal}},
		{Answer: `,"answer_id":"00000000000000000000000000000000"`, AnswerID: "old", Also: []Category{}},
		{Answer: "x", GuardDropped: 3, Cached: true},
	}
	for _, id := range []string{"0123456789abcdef0123456789abcdef", "00000000000000000000000000000000", "ab"} {
		for _, a := range answers {
			j := EncodeAnswer(&a)
			if j == nil {
				t.Fatalf("%+v: not encoded", a)
			}
			b := a
			b.AnswerID = id
			want, err := json.Marshal(&b)
			if err != nil {
				t.Fatal(err)
			}
			if got := j.Append([]byte("prefix"), id); !bytes.Equal(got, append([]byte("prefix"), want...)) {
				t.Errorf("got  %s\nwant prefix%s", got, want)
			}
		}
	}
}
