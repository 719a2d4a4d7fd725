// Package inbox keeps what editors need to read: the questions the service could not answer
// from the vetted corpus, and patients' feedback on answers. Everything is redacted (package
// redact) before it is stored, and the store is bounded.
//
// The default store is a local JSON Lines file; when it passes its limit the oldest half is
// dropped. Group clusters similar questions so an editor sees what to write next.
package inbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"patientqa/redact"
)

// Entry kinds.
const (
	KindUnanswered = "unanswered"
	KindFeedback   = "feedback"
)

// Limits of what is stored.
const (
	MaxComment = 500 // runes of a feedback comment
	MaxText    = 2000
)

// Entry is one stored record. Text fields are redacted before they are stored.
type Entry struct {
	Time     time.Time `json:"time"`
	Kind     string    `json:"kind"`
	Lang     string    `json:"lang,omitempty"`
	Category string    `json:"category,omitempty"`
	Question string    `json:"question,omitempty"` // redacted
	AnswerID string    `json:"answer_id,omitempty"`
	Helpful  *bool     `json:"helpful,omitempty"`
	Comment  string    `json:"comment,omitempty"` // redacted
}

// Store records entries. Implementations redact and bound what they keep and are safe for
// concurrent use.
type Store interface {
	Add(e Entry) error
}

// File is a Store in a JSON Lines file that keeps at most Max entries.
type File struct {
	Path string
	Max  int // default 10000

	mu    sync.Mutex
	count int // entries in the file, -1 until counted
	init  bool
}

// Add redacts and appends an entry.
func (f *File) Add(e Entry) error {
	e = Redacted(e)
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.init {
		f.count, _ = countLines(f.Path)
		f.init = true
	}
	max := f.Max
	if max <= 0 {
		max = 10000
	}
	if f.count >= max {
		if err := f.dropOldest(max / 2); err != nil {
			return err
		}
	}
	file, err := os.OpenFile(f.Path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, werr := file.Write(append(line, '\n'))
	cerr := file.Close()
	if werr != nil {
		return werr
	}
	f.count++
	return cerr
}

// Redacted returns e with its text fields redacted and truncated.
func Redacted(e Entry) Entry {
	e.Question = truncate(redact.Text(e.Question), MaxText)
	e.Comment = truncate(redact.Text(e.Comment), MaxComment)
	return e
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// dropOldest keeps the newest keep entries, replacing the file atomically.
func (f *File) dropOldest(keep int) error {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > keep {
		lines = lines[len(lines)-keep:]
	}
	tmp := f.Path + ".tmp"
	if err := os.WriteFile(tmp, append(bytes.Join(lines, []byte("\n")), '\n'), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, f.Path); err != nil {
		return err
	}
	f.count = len(lines)
	return nil
}

func countLines(path string) (int, error) {
	file, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer file.Close()
	n := 0
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// Read returns every entry in the file, oldest first; malformed lines are reported, not fatal.
func Read(path string) ([]Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Entry
	var bad int
	for _, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			bad++
			continue
		}
		out = append(out, e)
	}
	if bad > 0 {
		return out, fmt.Errorf("%s: %d malformed lines skipped", path, bad)
	}
	return out, nil
}

// Discard is a Store that keeps nothing.
type Discard struct{}

// Add implements Store.
func (Discard) Add(Entry) error { return nil }
