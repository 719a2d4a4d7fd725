package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"patientqa"
	"patientqa/corpus"
)

// deliversNotifications reports whether a NOTIFY on one connection reaches a LISTEN on another.
func deliversNotifications(t *testing.T, db *DB) bool {
	t.Helper()
	ctx := context.Background()
	listener, err := pgx.ConnectConfig(ctx, db.Pool.Config().ConnConfig)
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close(ctx)
	if _, err := listener.Exec(ctx, "LISTEN patientqa_probe"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, "SELECT pg_notify('patientqa_probe', 'x')"); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err = listener.WaitForNotification(wctx)
	return err == nil
}

type fakeEngine struct{ version int64 }

func (f fakeEngine) Ask(context.Context, patientqa.Question) (*patientqa.Answer, error) {
	return &patientqa.Answer{}, nil
}

func (f fakeEngine) AskStream(context.Context, patientqa.Question, func(string)) (*patientqa.Answer, error) {
	return &patientqa.Answer{}, nil
}

// A replica notices a new corpus version through LISTEN/NOTIFY without waiting for its poll. On
// PGlite, whose socket server passes a notification only to the connection that sent it, the
// replica relies on polling, so there the test checks that the server is PGlite and that
// polling picks the version up.
func TestReplicaNotices(t *testing.T) {
	ctx := context.Background()
	db := fresh(t)
	files := embeddedFiles(t)
	if _, err := db.Ingest(ctx, files, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	notifies := deliversNotifications(t, db)
	var server string
	db.Pool.QueryRow(ctx, "SELECT version()").Scan(&server)
	poll := time.Hour
	if !notifies {
		if !strings.Contains(server, "PGlite") {
			t.Fatalf("notifications are not delivered by %s", server)
		}
		poll = 200 * time.Millisecond
		t.Logf("%s delivers no notifications to other connections: testing polling", server)
	}
	r := &Replica{DB: db, Poll: poll, Build: func(s *Snapshot, _ patientqa.Retriever) (Engine, error) {
		return fakeEngine{s.Version}, nil
	}}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go r.Run(rctx)
	if !waitFor(5*time.Second, func() bool { v, _ := r.Version(); return v == 1 && r.Ready() }) {
		t.Fatal("the replica did not load version 1")
	}
	time.Sleep(300 * time.Millisecond) // the listener is connected
	changed := corpus.Files{Docs: map[string][]byte{}, Concepts: files.Concepts}
	for name, b := range files.Docs {
		if name != "cord-blood.md" {
			changed.Docs[name] = b
		}
	}
	if _, err := db.Ingest(ctx, changed, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if !waitFor(5*time.Second, func() bool { v, _ := r.Version(); return v == 2 }) {
		t.Fatalf("the replica did not pick up version 2 within 5s (poll every %v)", poll)
	}
}

func waitFor(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}
