package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa/llm/llmtest"
)

// TestBadInput sends many kinds of bad request to a real askd: each gets the right 4xx and a
// JSON error, none a 5xx, none a hang.
func TestBadInput(t *testing.T) {
	base, _ := startAskd(t, nil, "-cors-origins", "https://hospital.example", "-body-timeout", "500ms")
	long := strings.Repeat("干", 2001)
	id := strings.Repeat("a", 32)
	type tc struct {
		name, method, path, ctype, body string
		header                          map[string]string
		status                          int
		code                            string
	}
	j := "application/json"
	tests := []tc{
		{"not JSON", "POST", "/ask", j, "question=hi", nil, 400, "EINVALID"},
		{"empty body", "POST", "/ask", j, "", nil, 400, "EINVALID"},
		{"truncated JSON", "POST", "/ask", j, `{"question":"hi"`, nil, 400, "EINVALID"},
		{"number question", "POST", "/ask", j, `{"question":42}`, nil, 400, "EINVALID"},
		{"array question", "POST", "/ask", j, `{"question":["a"]}`, nil, 400, "EINVALID"},
		{"object question", "POST", "/ask", j, `{"question":{"a":1}}`, nil, 400, "EINVALID"},
		{"bool question", "POST", "/ask", j, `{"question":true}`, nil, 400, "EINVALID"},
		{"null question", "POST", "/ask", j, `{"question":null}`, nil, 400, "EINVALID"},
		{"unknown field", "POST", "/ask", j, `{"question":"hi","admin":true}`, nil, 400, "EINVALID"},
		{"missing question", "POST", "/ask", j, `{"lang":"zh"}`, nil, 400, "EINVALID"},
		{"empty question", "POST", "/ask", j, `{"question":""}`, nil, 400, "EINVALID"},
		{"blank question", "POST", "/ask", j, `{"question":" \n\t "}`, nil, 400, "EINVALID"},
		{"bad lang", "POST", "/ask", j, `{"question":"hi","lang":"fr"}`, nil, 400, "EINVALID"},
		{"lang wrong type", "POST", "/ask", j, `{"question":"hi","lang":1}`, nil, 400, "EINVALID"},
		{"not UTF-8", "POST", "/ask", j, "{\"question\":\"\xff\xfe\"}", nil, 400, "EINVALID"},
		{"overlong UTF-8", "POST", "/ask", j, "{\"question\":\"\xc0\xaf\"}", nil, 400, "EINVALID"},
		{"NUL escaped", "POST", "/ask", j, `{"question":"a\u0000b"}`, nil, 400, "EINVALID"},
		{"raw control character", "POST", "/ask", j, "{\"question\":\"a\x01b\"}", nil, 400, "EINVALID"},
		{"2001 characters", "POST", "/ask", j, `{"question":"` + long + `"}`, nil, 413, "ETOOLARGE"},
		{"16 KiB + 1", "POST", "/ask", j, `{"question":"` + strings.Repeat("a", 16<<10) + `"}`, nil, 413, "ETOOLARGE"},
		{"two objects", "POST", "/ask", j, `{"question":"hi"}{"question":"x"}`, nil, 400, "EINVALID"},
		{"trailing garbage", "POST", "/ask", j, `{"question":"hi"} xyz`, nil, 400, "EINVALID"},
		{"top-level array", "POST", "/ask", j, `[{"question":"hi"}]`, nil, 400, "EINVALID"},
		{"top-level string", "POST", "/ask", j, `"hi"`, nil, 400, "EINVALID"},
		{"top-level null", "POST", "/ask", j, `null`, nil, 400, "EINVALID"},
		{"byte-order mark", "POST", "/ask", j, "\ufeff{\"question\":\"hi\"}", nil, 400, "EINVALID"},
		{"gzip body", "POST", "/ask", j, "\x1f\x8b\x08\x00", map[string]string{"Content-Encoding": "gzip"}, 415, "EUNSUPPORTED"},
		{"deflate body", "POST", "/ask", j, "x", map[string]string{"Content-Encoding": "deflate"}, 415, "EUNSUPPORTED"},
		{"text/plain", "POST", "/ask", "text/plain", `{"question":"hi"}`, nil, 415, "EUNSUPPORTED"},
		{"no content type", "POST", "/ask", "", `{"question":"hi"}`, nil, 415, "EUNSUPPORTED"},
		{"form", "POST", "/ask", "application/x-www-form-urlencoded", "question=hi", nil, 415, "EUNSUPPORTED"},
		{"multipart", "POST", "/ask", "multipart/form-data; boundary=x", "--x--", nil, 415, "EUNSUPPORTED"},
		{"json-like type", "POST", "/ask", "application/jsonx", `{"question":"hi"}`, nil, 415, "EUNSUPPORTED"},
		{"malformed media type", "POST", "/ask", ";;;", `{"question":"hi"}`, nil, 415, "EUNSUPPORTED"},
		{"GET /ask", "GET", "/ask", "", "", nil, 405, "EMETHOD"},
		{"PUT /ask", "PUT", "/ask", j, `{"question":"hi"}`, nil, 405, "EMETHOD"},
		{"DELETE /ask", "DELETE", "/ask", "", "", nil, 405, "EMETHOD"},
		{"PATCH /ask", "PATCH", "/ask", j, `{}`, nil, 405, "EMETHOD"},
		{"OPTIONS without preflight", "OPTIONS", "/ask", "", "", nil, 405, "EMETHOD"},
		{"POST /healthz", "POST", "/healthz", j, `{}`, nil, 405, "EMETHOD"},
		{"GET /feedback", "GET", "/feedback", "", "", nil, 405, "EMETHOD"},
		{"unknown route", "GET", "/nope", "", "", nil, 404, "ENOTFOUND"},
		{"admin route", "POST", "/admin", j, `{}`, nil, 404, "ENOTFOUND"},
		{"long path", "GET", "/" + strings.Repeat("a", 8000), "", "", nil, 404, "ENOTFOUND"},
		{"huge header", "GET", "/healthz", "", "", map[string]string{"X-Pad": strings.Repeat("a", 20000)}, 413, "ETOOLARGE"},
		{"many headers", "GET", "/healthz", "", "", manyHeaders(400), 413, "ETOOLARGE"},
		{"preflight from forbidden origin", "OPTIONS", "/ask", "", "", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, 403, "EFORBIDDEN"},
		{"POST from forbidden origin", "POST", "/ask", j, `{"question":"hi"}`, map[string]string{"Origin": "https://evil.example"}, 403, "EFORBIDDEN"},
		{"null origin", "POST", "/ask", j, `{"question":"hi"}`, map[string]string{"Origin": "null"}, 403, "EFORBIDDEN"},
		{"feedback bad id", "POST", "/feedback", j, `{"answer_id":"x","helpful":true}`, nil, 400, "EINVALID"},
		{"feedback no helpful", "POST", "/feedback", j, `{"answer_id":"` + id + `"}`, nil, 400, "EINVALID"},
		{"feedback wrong type", "POST", "/feedback", j, `{"answer_id":"` + id + `","helpful":"yes"}`, nil, 400, "EINVALID"},
		{"feedback unknown field", "POST", "/feedback", j, `{"answer_id":"` + id + `","helpful":true,"rating":5}`, nil, 400, "EINVALID"},
		{"feedback long comment", "POST", "/feedback", j, `{"answer_id":"` + id + `","helpful":true,"comment":"` + strings.Repeat("长", 1001) + `"}`, nil, 413, "ETOOLARGE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			client := &http.Client{Timeout: 10 * time.Second}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			checkJSONError(t, resp, tt.status, tt.code)
		})
	}
	if len(tests)+3 < 50 {
		t.Errorf("only %d kinds of bad input", len(tests)+3)
	}
	// Raw-connection cases: a slow body, a body shorter than its Content-Length, a chunked body
	// beyond the size limit.
	addr := strings.TrimPrefix(base, "http://")
	raw := func(name, head, body string, closeWrite bool, status int, code string) {
		t.Run(name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			fmt.Fprint(conn, head+body)
			if closeWrite {
				conn.(*net.TCPConn).CloseWrite()
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no response: %v", err)
			}
			defer resp.Body.Close()
			checkJSONError(t, resp, status, code)
		})
	}
	hdr := "POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
	raw("slow body", hdr+"Content-Length: 100\r\n\r\n", `{"question":"`, false, 408, "ESLOW")
	raw("short body", hdr+"Content-Length: 100\r\n\r\n", `{"question":"hi"}`, true, 400, "EINVALID")
	chunk := fmt.Sprintf("%x\r\n%s\r\n", 17000, strings.Repeat("a", 17000))
	raw("chunked too large", hdr+"Transfer-Encoding: chunked\r\n\r\n", chunk+"0\r\n\r\n", false, 413, "ETOOLARGE")
}

func manyHeaders(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("X-H%d", i)] = strings.Repeat("v", 40)
	}
	return m
}

func checkJSONError(t *testing.T, resp *http.Response, status int, code string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("status %d, not a JSON error: %q", resp.StatusCode, b)
	}
	if resp.StatusCode != status || e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("got %d %+v, want %d %s", resp.StatusCode, e.Error, status, code)
	}
	if resp.StatusCode >= 500 {
		t.Errorf("a bad request got a server error")
	}
}

// TestPersonalDataNeverStored sends questions full of personal data and checks that none of it
// appears in any log line or in the editors' inbox.
func TestPersonalDataNeverStored(t *testing.T) {
	base, logs := startAskd(t, nil)
	secrets := []string{"13812345678", "110105199003071234", "li.si@example.com", "李四", "John Smith", "姑苏区人民路100号"}
	questions := []string{
		"我叫李四，电话13812345678，干细胞能治痛风吗",
		"身份证110105199003071234，邮箱li.si@example.com，想问干细胞治银屑病",
		"My name is John Smith, can stem cells treat gout?",
		"我住在苏州市姑苏区人民路100号，哪个医院能打干细胞",
		"打完干细胞现在胸痛，我电话13812345678",
	}
	for _, q := range questions {
		b, _ := json.Marshal(map[string]string{"question": q})
		code, body := ask(t, base, string(b))
		if code != 200 {
			t.Fatalf("%s: %d %s", q, code, body)
		}
	}
	stored, _ := os.ReadFile(inboxPath)
	if !strings.Contains(string(stored), "[PHONE]") {
		t.Errorf("the uncovered questions were not recorded, redacted: %s", stored)
	}
	for _, s := range secrets {
		if strings.Contains(logs.String(), s) {
			t.Errorf("log contains %q", s)
		}
		if strings.Contains(string(stored), s) {
			t.Errorf("inbox contains %q", s)
		}
	}
	if !strings.Contains(logs.String(), `"category":"uncovered"`) || !strings.Contains(logs.String(), `"route":"/ask"`) {
		t.Errorf("the access log lacks route or category: %s", logs.String())
	}
}

func TestMetrics(t *testing.T) {
	base, _ := startAskd(t, nil)
	ask(t, base, `{"question":"干细胞治疗真实效果怎么样"}`)
	ask(t, base, `{"question":"干细胞治疗真实效果怎么样"}`) // a repeated question: from the answer cache
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`patientqa_requests_total{code="200",route="/ask"}`, `patientqa_answers_total{category="answer"}`,
		"patientqa_corpus_info{version=", "patientqa_corpus_documents", "go_goroutines", "patientqa_answer_cache_hits_total 1"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestShutdownManyInFlight: SIGTERM with 50 requests in flight (bodies still uploading) loses
// none of them, and askd exits within the shutdown timeout.
func TestShutdownManyInFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-rate-limit", "0", "-inbox", "", "-max-inflight", "0"},
			func(string) string { return "" }, io.Discard, io.Discard, ready)
	}()
	base := "http://" + <-ready
	const n = 50
	var wg sync.WaitGroup
	statuses := make([]int, n)
	writers := make([]*io.PipeWriter, n)
	started := make(chan struct{}, n)
	transport := &http.Transport{MaxConnsPerHost: n, MaxIdleConnsPerHost: n}
	client := &http.Client{Transport: transport}
	for i := range n {
		pr, pw := io.Pipe()
		writers[i] = pw
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", base+"/ask", pr)
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				t.Errorf("request %d lost: %v", i, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
		go func() {
			pw.Write([]byte(`{"question":"干细胞治疗`))
			started <- struct{}{}
		}()
	}
	for range n {
		<-started
	}
	time.Sleep(300 * time.Millisecond) // the server has accepted them: they are reading bodies
	start := time.Now()
	cancel()
	time.Sleep(100 * time.Millisecond)
	for _, pw := range writers {
		pw.Write([]byte(`真实效果怎么样"}`))
		pw.Close()
	}
	wg.Wait()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("shutdown did not finish")
	}
	lost := 0
	for _, st := range statuses {
		if st != http.StatusOK {
			lost++
		}
	}
	t.Logf("%d requests in flight at SIGTERM, %d lost, shutdown took %v", n, lost, time.Since(start).Round(time.Millisecond))
	if lost > 0 {
		t.Errorf("%d of %d in-flight requests lost", lost, n)
	}
}

// TestLLMStreaming: askd with -llm openai pointed at a scripted OpenAI-compatible server
// streams verified sentences, ends with the whole answer, and never logs the API key.
func TestLLMStreaming(t *testing.T) {
	srv := llmtest.NewServer(llmtest.Faithful)
	defer srv.Close()
	base, logs := startAskd(t, map[string]string{"PATIENTQA_LLM_API_KEY": "sk-test-secret-key"},
		"-llm", "openai", "-llm-url", srv.URL, "-llm-model", "scripted")
	req, _ := http.NewRequest("POST", base+"/ask", strings.NewReader(`{"question":"渐冻症打干细胞有用吗"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	events := strings.Split(strings.TrimSpace(string(b)), "\n\n")
	if len(events) < 2 || !strings.HasPrefix(events[0], "event: delta") || !strings.HasPrefix(events[len(events)-1], "event: done") {
		t.Fatalf("stream:\n%s", b)
	}
	var a struct {
		Answer, Composer string
		Citations        []any
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(strings.SplitN(events[len(events)-1], "\n", 2)[1], "data: ")), &a); err != nil {
		t.Fatal(err)
	}
	if a.Composer != "llm" || len(a.Citations) == 0 {
		t.Fatalf("done: %+v", a)
	}
	if strings.Contains(logs.String(), "sk-test-secret-key") {
		t.Fatal("the API key was logged")
	}
}

// TestJudge: with -judge, a judging model decides which verified sentences stay, and its key
// is never logged; -judge without -llm is refused.
func TestJudge(t *testing.T) {
	writer := llmtest.NewServer(llmtest.Faithful)
	defer writer.Close()
	for _, tt := range []struct {
		verdict, composer string
	}{{"SUPPORTED", "llm"}, {"UNSUPPORTED", "extractive"}} {
		judge := llmtest.NewServer(func(string, string) llmtest.Reply { return llmtest.Reply{Chunks: []string{tt.verdict}} })
		base, logs := startAskd(t, map[string]string{"PATIENTQA_JUDGE_API_KEY": "sk-judge-secret"},
			"-llm", "openai", "-llm-url", writer.URL, "-llm-model", "scripted",
			"-judge", "openai", "-judge-url", judge.URL, "-judge-model", "judge")
		resp, err := http.Post(base+"/ask", "application/json", strings.NewReader(`{"question":"渐冻症打干细胞有用吗"}`))
		if err != nil {
			t.Fatal(err)
		}
		var a struct{ Composer, FallbackReason string }
		json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		judge.Close()
		if a.Composer != tt.composer {
			t.Errorf("judge says %s: composer %s (%s), want %s", tt.verdict, a.Composer, a.FallbackReason, tt.composer)
		}
		if strings.Contains(logs.String(), "sk-judge-secret") {
			t.Fatal("the judge's API key was logged")
		}
	}
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-judge", "openai", "-judge-model", "judge"},
		func(string) string { return "" }, io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "-judge needs -llm") {
		t.Fatalf("-judge without -llm: %v", err)
	}
}
