package server

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// schemaChecker validates JSON against the subset of JSON Schema openapi.yaml uses: type,
// required, properties, additionalProperties false, items, enum, pattern, $ref.
type schemaChecker struct{ doc map[string]any }

func (c schemaChecker) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		node := any(c.doc)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			node = node.(map[string]any)[part]
		}
		s = node.(map[string]any)
	}
}

func (c schemaChecker) check(path string, s map[string]any, v any) []string {
	s = c.resolve(s)
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		fail("%v not in %v", v, enum)
	}
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			fail("not an object")
			return errs
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := m[r.(string)]; !ok {
				fail("missing required %q", r)
			}
		}
		for k, val := range m {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("property %q is not in the schema", k)
				}
				continue
			}
			errs = append(errs, c.check(path+"."+k, ps, val)...)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			fail("not an array")
			return errs
		}
		for i, x := range a {
			errs = append(errs, c.check(path+"["+strconv.Itoa(i)+"]", s["items"].(map[string]any), x)...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			fail("not a string")
		} else if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			fail("not an integer")
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			fail("not a boolean")
		}
	}
	return errs
}

// TestResponsesMatchOpenAPI sends requests of every kind and checks each response's status is
// documented for its route and its body matches the documented schema.
func TestResponsesMatchOpenAPI(t *testing.T) {
	var doc map[string]any
	if err := yaml.Unmarshal(patientqa.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi version %v", doc["openapi"])
	}
	c := schemaChecker{doc}
	status := map[string]any{"$ref": "#/components/schemas/Status"}
	if len(c.check("x", status, map[string]any{"status": 1.0, "extra": true})) != 2 {
		t.Fatal("the checker must catch a wrong type and an undocumented property")
	}
	t.Run("encoded per response", func(t *testing.T) { checkOpenAPI(t, c, doc, okAnswer(patientqa.CatAnswer)) })
	// Answers the engine gives with their JSON made once (from its answer cache).
	t.Run("encoded once", func(t *testing.T) { checkOpenAPI(t, c, doc, encodedOnce(okAnswer(patientqa.CatAnswer))) })
}

// encodedOnce gives the answers of asker with their JSON made once, as the engine's cache does.
func encodedOnce(asker AskerFunc) AskerFunc {
	return func(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
		a, err := asker(ctx, q)
		if err == nil {
			a.JSON = patientqa.EncodeAnswer(a)
		}
		return a, err
	}
}

func checkOpenAPI(t *testing.T, c schemaChecker, doc map[string]any, asker Asker) {
	s := New(asker, Config{})
	rec := do(s, "POST", "/ask", `{"question":"q"}`)
	var a patientqa.Answer
	json.Unmarshal(rec.Body.Bytes(), &a)
	tests := []struct{ method, path, body string }{
		{"POST", "/ask", `{"question":"q","lang":"zh"}`},
		{"POST", "/ask", `{"question":"q","lang":"zh","history":["earlier","later"]}`},
		{"POST", "/ask", `{"question":"q","history":[1]}`},
		{"POST", "/ask", `not json`},
		{"POST", "/ask", `{"question":"` + strings.Repeat("a", MaxBodyBytes) + `"}`},
		{"GET", "/ask", ""},
		{"POST", "/feedback", `{"answer_id":"` + a.AnswerID + `","helpful":true}`},
		{"POST", "/feedback", `{"answer_id":"x","helpful":true}`},
		{"GET", "/healthz", ""},
		{"GET", "/readyz", ""},
	}
	paths := doc["paths"].(map[string]any)
	for _, tt := range tests {
		rec := do(s, tt.method, tt.path, tt.body)
		op, ok := paths[tt.path].(map[string]any)[strings.ToLower(tt.method)].(map[string]any)
		if !ok {
			// A method the route does not have: the error must still be a documented Error.
			op = paths[tt.path].(map[string]any)["post"].(map[string]any)
		}
		resp, ok := op["responses"].(map[string]any)[strconv.Itoa(rec.Code)].(map[string]any)
		if !ok {
			t.Errorf("%s %s: status %d is not documented", tt.method, tt.path, rec.Code)
			continue
		}
		resp = c.resolve(resp)
		schema := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		var body any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Errorf("%s %s: not JSON: %v", tt.method, tt.path, err)
			continue
		}
		for _, e := range c.check("body", schema, body) {
			t.Errorf("%s %s (%d): %s", tt.method, tt.path, rec.Code, e)
		}
	}
	if rec := do(s, "GET", "/openapi.yaml", ""); rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/yaml") {
		t.Errorf("/openapi.yaml: %d %v", rec.Code, rec.Header())
	}
}
