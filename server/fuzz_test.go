package server

import (
	"net/http/httptest"
	"strings"
	"testing"

	"patientqa"
)

// FuzzDecode: any body gets either a decoded request or a 4xx-coded error, never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"question":"hi"}`, `{"question":42}`, `{"question":"a","lang":"zh"}`, "\xff", `{}{}`, `[`, strings.Repeat("a", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/ask", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var v askRequest
		err := decode(httptest.NewRecorder(), req, &v)
		if err != nil {
			if st := StatusOf(patientqa.ErrorCode(err)); st < 400 || st >= 500 {
				t.Fatalf("decode(%q) error %v maps to %d", body, err, st)
			}
		}
	})
}
