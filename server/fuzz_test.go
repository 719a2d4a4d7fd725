package server

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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

// FuzzDecodeQuick: a body the fast path of askRequest accepts is one encoding/json decodes,
// without error and to the same request, with the checks of decode.
func FuzzDecodeQuick(f *testing.F) {
	for _, s := range []string{`{"question":"hi"}`, `{"question":"a","lang":"zh"}`, ` { "lang" : "en" , "question" : "干细胞" } `,
		`{}`, `{ }`, `{"question":"a","question":"b"}`, `{"Question":"a"}`, `{"question":"a\"b"}`, `{"question":"a\u00e9"}`,
		`{"question":"a",}`, `{"question":"a"}{}`, `{"question":"a"} x`, `{"question":null}`, "{\"question\":\"a\x01\"}",
		"{\"question\":\"\u2028\"}", `{"question":"a","admin":true}`, `{"question":"a"`, `{"lang":"zh"}`, `{,}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return // decode refuses it before
		}
		var quick askRequest
		if !quick.decodeQuick([]byte(body)) {
			return
		}
		var want askRequest
		dec := json.NewDecoder(strings.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil || dec.More() {
			t.Fatalf("fast path accepted %q, encoding/json: %v, more data %v", body, err, dec.More())
		}
		if !reflect.DeepEqual(quick, want) {
			t.Fatalf("%q: fast path %+v, encoding/json %+v", body, quick, want)
		}
	})
}

// TestDecodeQuickUsed: the bodies clients send take the fast path.
func TestDecodeQuickUsed(t *testing.T) {
	for _, body := range []string{`{"question":"干细胞能治糖尿病吗？"}`, `{"question":"Can stem cells cure ALS?","lang":"en"}`,
		"{\n  \"lang\": \"auto\",\n  \"question\": \"幹細胞\"\n}\n"} {
		var req askRequest
		if !req.decodeQuick([]byte(body)) || req.Question == nil {
			t.Errorf("%q: not decoded by the fast path", body)
		}
	}
}
