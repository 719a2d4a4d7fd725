package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"patientqa/corpus"
	"patientqa/internal/pgtest"
	"patientqa/retrieval"
	"patientqa/retrieval/postgres"
)

var (
	pgOnce sync.Once
	pg     *pgtest.Server
	pgErr  error
)

// TestMain stops the PGlite server the database tests started, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

// database returns PGlite (started on first use) emptied, migrated and holding files.
func database(t *testing.T, files corpus.Files) *postgres.DB {
	t.Helper()
	pgOnce.Do(func() { pg, pgErr = pgtest.Start() })
	if pgErr != nil {
		t.Fatal(pgErr)
	}
	ctx := context.Background()
	if err := pg.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	db, err := postgres.Open(ctx, pg.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Ingest(ctx, files, postgres.IngestOptions{Embedder: retrieval.HashEmbedder{Dims: 256}}); err != nil {
		t.Fatal(err)
	}
	return db
}

func embeddedFiles(t *testing.T) corpus.Files {
	t.Helper()
	f, err := corpus.ReadFiles("")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

type answerBody struct {
	Answer        string `json:"answer"`
	CorpusVersion string `json:"corpus_version"`
	Error         *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func askJSON(base, question string) (int, answerBody, error) {
	var a answerBody
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Post(base+"/ask", "application/json", strings.NewReader(fmt.Sprintf(`{"question":%q}`, question)))
	if err != nil {
		return 0, a, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &a); err != nil {
		return resp.StatusCode, a, fmt.Errorf("%w: %s", err, b)
	}
	return resp.StatusCode, a, nil
}

func readyz(base string) int {
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(base + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// eventually polls cond every 50ms for up to d.
func eventually(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// Two replicas over one database serve the same corpus, and both pick up a new corpus version
// while answering, without a failed request.
func TestDBReplicasPickUpNewVersion(t *testing.T) {
	files := embeddedFiles(t)
	db := database(t, files)
	args := []string{"-db", pg.URL, "-embedder", "local", "-db-poll", "200ms"}
	a, la := startAskd(t, nil, args...)
	b, lb := startAskd(t, nil, args...)
	first, _ := files.Load()
	const question = "NurOwn治疗渐冻症的三期试验结果怎么样"
	for _, base := range []string{a, b} {
		status, ans, err := askJSON(base, question)
		if err != nil || status != 200 || ans.CorpusVersion != first.Version {
			t.Fatalf("%s: %d %+v %v; want corpus %s", base, status, ans, err, first.Version)
		}
	}

	// Keep asking both replicas while a new version is ingested.
	var failures atomic.Int64
	var asked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, base := range []string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				status, ans, err := askJSON(base, question)
				asked.Add(1)
				if err != nil || status != 200 {
					if failures.Add(1) <= 3 {
						t.Logf("failed during the swap: %d %+v %v", status, ans.Error, err)
					}
				}
			}
		}()
	}

	changed := corpus.Files{Docs: map[string][]byte{}, Concepts: files.Concepts}
	for name, src := range files.Docs {
		changed.Docs[name] = src
	}
	kp := first.Doc("als-evidence").KeyPoints[0]
	changed.Docs["als-evidence.md"] = []byte(strings.Replace(string(files.Docs["als-evidence.md"]), kp,
		strings.TrimSuffix(kp, "。")+"，这一结果已由试验登记记录公布。", 1))
	rep, err := db.Ingest(context.Background(), changed, postgres.IngestOptions{Embedder: retrieval.HashEmbedder{Dims: 256}})
	if err != nil || rep.Version != 2 {
		t.Fatalf("ingest: %+v %v", rep, err)
	}
	for _, base := range []string{a, b} {
		if !eventually(15*time.Second, func() bool {
			_, ans, _ := askJSON(base, question)
			return ans.CorpusVersion == rep.Label && strings.Contains(ans.Answer, "试验登记记录公布")
		}) {
			t.Errorf("%s did not serve corpus %s within 15s", base, rep.Label)
		}
	}
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed while the replicas swapped corpora; logs:\n%s\n%s", n, asked.Load(),
			notRequests(la.String()), notRequests(lb.String()))
	}
	t.Logf("%d requests answered during the swap; ingest took %v", asked.Load(), rep.Duration)
}

// proxy is a TCP proxy in front of the database that a test can cut: refusing connections, or
// accepting them and never answering (a hung network), and restore.
type proxy struct {
	ln       net.Listener
	target   string
	mode     atomic.Value // "up", "refuse", "blackhole"
	mu       sync.Mutex
	conns    []net.Conn
	closedCh chan struct{}
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, closedCh: make(chan struct{})}
	p.mode.Store("up")
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.cut() })
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		switch p.mode.Load().(string) {
		case "refuse":
			c.Close()
			continue
		case "blackhole":
			p.track(c) // held open, never answered
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.track(c)
		p.track(up)
		go func() { io.Copy(up, c); up.Close() }()
		go func() { io.Copy(c, up); c.Close() }()
	}
}

func (p *proxy) track(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conns = append(p.conns, c)
}

// cut closes every connection through the proxy.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) set(mode string) {
	p.mode.Store(mode)
	if mode != "up" {
		p.cut()
	}
}

func (p *proxy) url() string {
	u, err := url.Parse(pg.URL)
	if err != nil {
		panic(err)
	}
	u.Host = p.ln.Addr().String()
	return u.String()
}

// While the database is unreachable (refusing, or silently hung) askd is not ready and answers
// 503 EUNAVAILABLE promptly; when it is back askd recovers by itself. That holds from the start
// too: askd may start before its database.
func TestDBDownAndBack(t *testing.T) {
	database(t, embeddedFiles(t))
	for _, mode := range []string{"refuse", "blackhole"} {
		t.Run(mode, func(t *testing.T) {
			px := newProxy(t, pg.Addr)
			px.set(mode)
			base, logs := launchAskd(t, nil, "-db", px.url(), "-embedder", "local", "-db-poll", "200ms", "-db-timeout", "500ms")
			checkDown := func(when string) {
				t.Helper()
				if !eventually(10*time.Second, func() bool { return readyz(base) == http.StatusServiceUnavailable }) {
					t.Fatalf("%s: /readyz still OK with the database %s", when, mode)
				}
				start := time.Now()
				status, ans, err := askJSON(base, "干细胞治疗真实效果怎么样")
				if err != nil || status != http.StatusServiceUnavailable || ans.Error == nil || ans.Error.Code != "EUNAVAILABLE" {
					t.Errorf("%s: /ask gave %d %+v %v; want 503 EUNAVAILABLE", when, status, ans, err)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("%s: /ask took %v: it must not hang on the database", when, d)
				}
				if m := metricsText(base); !strings.Contains(m, "patientqa_database_ready 0") {
					t.Errorf("%s: /metrics does not say the database is down", when)
				}
			}
			checkUp := func(when string) {
				t.Helper()
				if !eventually(20*time.Second, func() bool { return readyz(base) == http.StatusOK }) {
					t.Fatalf("%s: askd did not recover; log:\n%s", when, logs.String())
				}
				status, _, err := askJSON(base, "干细胞治疗真实效果怎么样")
				if err != nil || status != http.StatusOK {
					t.Errorf("%s: /ask gave %d %v after recovery", when, status, err)
				}
				if m := metricsText(base); !strings.Contains(m, "patientqa_database_ready 1") {
					t.Errorf("%s: /metrics does not say the database is ready", when)
				}
			}
			checkDown("at start")
			px.set("up")
			checkUp("after the database came up")
			px.set(mode)
			checkDown("after the database went away")
			px.set("up")
			checkUp("after the database came back")
			if strings.Contains(logs.String(), "postgres:postgres@") {
				t.Error("the log contains the database password")
			}
		})
	}
}

func TestDBFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-db", "postgres://x@127.0.0.1:1/db", "-corpus", "corpus/data"},
		{"-db", "::not a url"},
		{"-embedder", "word2vec"},
		{"-embedder", "openai"}, // no model
		{"-db-poll", "1ms"},
		{"-db-timeout", "0s"},
	} {
		err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, args...), func(string) string { return "" }, io.Discard, io.Discard, nil)
		if err == nil || errors.Is(err, context.Canceled) {
			t.Errorf("askd %v: %v; want a configuration error", args, err)
		}
	}
}

// notRequests drops the access-log lines of a log.
func notRequests(log string) string {
	var keep []string
	for _, l := range strings.Split(log, "\n") {
		if !strings.Contains(l, `"msg":"request"`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func metricsText(base string) string {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
