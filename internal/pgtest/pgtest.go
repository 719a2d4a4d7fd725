// Package pgtest gives tests a real Postgres with pgvector: PGlite (Postgres compiled to WASM,
// with pgvector) served on a free loopback port by the npm packages of package.json, started
// once per test binary. Tests that need it call Start in TestMain; a missing Node.js or missing
// npm packages fail the tests (they are not skipped): run `npm ci`, or ./scripts/test, which
// installs them.
//
// PGlite is one database session shared by every connection, so tests of one package use it
// one at a time, and Reset drops everything between tests.
//
// To run the same tests against a native Postgres with pgvector instead, set
// PATIENTQA_TEST_DATABASE_URL to a database the tests may wipe, and run the packages one at a
// time (go test -p 1), since they share it.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running PGlite socket server (or the external database of
// PATIENTQA_TEST_DATABASE_URL).
type Server struct {
	URL  string
	Addr string // host:port
	Port int
	cmd  *exec.Cmd
	log  *strings.Builder
	dir  string // data directory; "" for an in-memory database
}

// Start starts PGlite with pgvector on a free port, in memory, and waits until it accepts
// queries.
func Start() (*Server, error) {
	if url := os.Getenv("PATIENTQA_TEST_DATABASE_URL"); url != "" {
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			return nil, fmt.Errorf("pgtest: PATIENTQA_TEST_DATABASE_URL: %v", err)
		}
		return &Server{URL: url, Addr: net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)), Port: int(cfg.Port)}, nil
	}
	return StartDir("")
}

// StartDir is Start with the database kept in dir (so that it survives a restart of PGlite).
func StartDir(dir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	return startOn(port, dir)
}

func startOn(port int, dir string) (*Server, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	script := filepath.Join(root, "node_modules", "@electric-sql", "pglite-socket", "dist", "scripts", "server.js")
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("pgtest: PGlite is not installed (%s missing): run `npm ci` in %s, or ./scripts/test", script, root)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("pgtest: node (Node.js) is not on PATH; the Postgres tests need it to run PGlite")
	}
	args := []string{script, "--port", fmt.Sprint(port), "--host", "127.0.0.1",
		"-e", "@electric-sql/pglite-pgvector:vector", "-m", "32"}
	if dir != "" {
		args = append(args, "--db", dir)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = root
	log := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// PGlite's socket server multiplexes every connection onto one session, so a statement
	// prepared in one round trip and executed in the next could be replaced by another
	// connection's in between: the simple protocol sends each query whole.
	s := &Server{URL: fmt.Sprintf("postgres://postgres:postgres@127.0.0.1:%d/postgres?sslmode=disable&default_query_exec_mode=simple_protocol", port),
		Addr: fmt.Sprintf("127.0.0.1:%d", port), Port: port, cmd: cmd, log: log, dir: dir}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return nil, fmt.Errorf("pgtest: PGlite exited (%v): %s", err, log.String())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, s.URL)
		if err == nil {
			err = conn.Ping(ctx)
			conn.Close(ctx)
		}
		cancel()
		if err == nil {
			go func() { <-exited }()
			return s, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.Stop()
	return nil, fmt.Errorf("pgtest: PGlite did not accept connections within 60s: %s", log.String())
}

// Stop stops the server (gracefully, so that a data directory is written out).
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for i := 0; i < 100; i++ {
			if syscall.Kill(s.cmd.Process.Pid, 0) != nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		close(done)
	}()
	<-done
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	// Wait until the port is free again.
	for i := 0; i < 100; i++ {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port), 100*time.Millisecond)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(50 * time.Millisecond)
	}
}

// Reset drops every table, so that the next test starts from an empty database.
func (s *Server) Reset(ctx context.Context) error {
	// Connections of a previous test may still be closing; PGlite refuses beyond its maximum.
	var conn *pgx.Conn
	var err error
	for i := 0; i < 50; i++ {
		if conn, err = pgx.Connect(ctx, s.URL); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public;`)
	return err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// moduleRoot finds the directory of go.mod above the working directory (tests run in their
// package's directory).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("pgtest: go.mod not found above the working directory")
		}
		dir = parent
	}
}
