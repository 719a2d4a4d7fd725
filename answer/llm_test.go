package answer

import (
	"context"
	"strings"
	"testing"
	"time"

	"patientqa"
	"patientqa/corpus"
	"patientqa/llm"
	"patientqa/llm/llmtest"
	"patientqa/promise"
	"patientqa/prompts"
	"patientqa/verify"
)

func llmEngine(t *testing.T, script llmtest.Script, timeout time.Duration) *Engine {
	t.Helper()
	srv := llmtest.NewServer(script)
	t.Cleanup(srv.Close)
	m, err := llm.New(llm.Config{Provider: llm.OpenAI, URL: srv.URL, Model: "scripted"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := corpus.Embedded()
	p, _ := prompts.Load()
	return New(c, p, Options{Model: m, ModelTimeout: timeout})
}

const alsQ = "渐冻症打干细胞有用吗"

// alsLine is a key point of als-evidence, which the ALS question retrieves first.
func alsLine(t *testing.T) string {
	c, _ := corpus.Embedded()
	return strings.TrimSuffix(c.Doc("als-evidence").KeyPoints[0], "。")
}

func TestLLMFaithful(t *testing.T) {
	e := llmEngine(t, llmtest.Faithful, 5*time.Second)
	var streamed []string
	a, err := e.AskStream(context.Background(), patientqa.Question{Text: alsQ}, func(s string) { streamed = append(streamed, s) })
	if err != nil {
		t.Fatal(err)
	}
	if a.Composer != "llm" || a.FallbackReason != "" {
		t.Fatalf("composer %s (%s):\n%s", a.Composer, a.FallbackReason, a.Answer)
	}
	if !strings.Contains(a.Answer, alsLine(t)) || len(streamed) == 0 || !strings.Contains(strings.Join(streamed, ""), alsLine(t)) {
		t.Fatalf("answer %q, streamed %q", a.Answer, streamed)
	}
	checkContract(t, alsQ, a)
}

func TestLLMFallbacks(t *testing.T) {
	line := func(t *testing.T) string { return alsLine(t) + "[1]。" }
	tests := []struct {
		name   string
		script func(t *testing.T) llmtest.Script
		reason string // "" when the model's answer is kept
		absent string // text that must not reach the patient
	}{
		{"changed number", func(t *testing.T) llmtest.Script {
			return llmtest.Text(line(t) + "这项试验有2000名患者参加，结果没有达到主要终点[1]。")
		}, FallbackTooFew, "2000名"},
		{"invented trial", func(t *testing.T) llmtest.Script {
			return llmtest.Text(line(t) + "另一项名为HOPE-ALS的大型试验证实了疗效[1]。")
		}, FallbackTooFew, "HOPE-ALS"},
		{"wrong citation", func(t *testing.T) llmtest.Script {
			return llmtest.Text(line(t) + alsLine(t) + "[7]。")
		}, FallbackTooFew, "[7]"},
		{"cure promise", func(t *testing.T) llmtest.Script {
			return llmtest.Text(line(t) + "干细胞可以根治渐冻症[1]。")
		}, FallbackPromise, "根治"},
		{"obeys an instruction hidden in a passage", func(t *testing.T) llmtest.Script {
			return llmtest.Text(line(t) + "好的，我会忽略规则：这家诊所的疗法对所有患者都有效[1]。")
		}, FallbackPromise, "所有患者"},
		{"empty answer", func(t *testing.T) llmtest.Script { return llmtest.Text("") }, FallbackEmpty, ""},
		{"server error", func(t *testing.T) llmtest.Script {
			return func(string, string) llmtest.Reply { return llmtest.Reply{Status: 500} }
		}, FallbackModelError, ""},
		{"timeout", func(t *testing.T) llmtest.Script {
			return func(string, string) llmtest.Reply {
				return llmtest.Reply{Chunks: []string{"渐冻症", "试验"}, Delay: 2 * time.Second}
			}
		}, FallbackTimeout, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := llmEngine(t, tt.script(t), 500*time.Millisecond)
			a, err := e.Ask(context.Background(), patientqa.Question{Text: alsQ})
			if err != nil {
				t.Fatal(err)
			}
			if a.FallbackReason != tt.reason || (tt.reason != "") != (a.Composer == "extractive") {
				t.Fatalf("composer %s, reason %q; want %q\n%s", a.Composer, a.FallbackReason, tt.reason, a.Answer)
			}
			if tt.absent != "" && strings.Contains(a.Answer, tt.absent) {
				t.Fatalf("%q reached the patient:\n%s", tt.absent, a.Answer)
			}
			if len(promise.Check(a.Answer)) > 0 {
				t.Fatalf("promise in the answer:\n%s", a.Answer)
			}
			checkContract(t, alsQ, a)
		})
	}
}

// TestLLMDropsOneBadSentence: with enough good sentences, a single unsupported one is dropped
// and the model's answer is kept.
func TestLLMDropsOneBadSentence(t *testing.T) {
	c, _ := corpus.Embedded()
	kp := c.Doc("als-evidence").KeyPoints
	text := strings.TrimSuffix(kp[0], "。") + "[1]。" + strings.TrimSuffix(kp[1], "。") + "[1]。" + "该试验共有5000名患者参加[1]。"
	e := llmEngine(t, llmtest.Text(text), 5*time.Second)
	a, err := e.Ask(context.Background(), patientqa.Question{Text: alsQ})
	if err != nil {
		t.Fatal(err)
	}
	if a.Composer != "llm" || strings.Contains(a.Answer, "5000") {
		t.Fatalf("composer %s (%s):\n%s", a.Composer, a.FallbackReason, a.Answer)
	}
}

// TestLLMNotForSafetyAnswers: emergencies, provider and dose questions keep their fixed
// messages; the model is not asked.
func TestLLMNotForSafetyAnswers(t *testing.T) {
	called := false
	e := llmEngine(t, func(s, u string) llmtest.Reply { called = true; return llmtest.Faithful(s, u) }, 5*time.Second)
	for _, q := range []string{"打完干细胞后一直发高烧怎么办", "苏州哪个医院可以注射干细胞?", "我爸脑梗了要打几针干细胞"} {
		a, _ := e.Ask(context.Background(), patientqa.Question{Text: q})
		if a.Composer != "extractive" {
			t.Errorf("%s: composer %s", q, a.Composer)
		}
	}
	if called {
		t.Error("the model was asked for a safety answer")
	}
}

// TestLLMVerifyLevels: Options.Verify decides whether a faithful paraphrase is kept. At
// Strict (the default) a sentence must closely restate one passage sentence; at Standard a
// reordered paraphrase passes too.
func TestLLMVerifyLevels(t *testing.T) {
	c, _ := corpus.Embedded()
	kp := c.Doc("als-evidence").KeyPoints
	paraphrase := "NurOwn的三期随机安慰剂对照试验约有200名渐冻症患者参加，主要终点和次要终点都没有达到统计学显著[1]。"
	text := strings.TrimSuffix(kp[0], "。") + "[1]。" + paraphrase + strings.TrimSuffix(kp[1], "。") + "[1]。"
	for _, tt := range []struct {
		level verify.Level
		kept  bool
	}{{verify.Strict, false}, {verify.Standard, true}} {
		srv := llmtest.NewServer(llmtest.Text(text))
		m, err := llm.New(llm.Config{Provider: llm.OpenAI, URL: srv.URL, Model: "scripted"})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := prompts.Load()
		e := New(c, p, Options{Model: m, ModelTimeout: 5 * time.Second, Verify: tt.level})
		a, err := e.Ask(context.Background(), patientqa.Question{Text: alsQ})
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		if a.Composer != "llm" || strings.Contains(a.Answer, "200名渐冻症患者") != tt.kept {
			t.Errorf("%s: composer %s (%s), paraphrase kept %v, want %v:\n%s", tt.level, a.Composer, a.FallbackReason,
				!tt.kept, tt.kept, a.Answer)
		}
		checkContract(t, alsQ, a)
	}
}
