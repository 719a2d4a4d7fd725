package main

import (
	"bytes"
	"io"
	"os"
	"testing"

	"patientqa/triage"
)

// TestModelCurrent: triage/model.bin is what this command makes of the labelled data now
// (training is deterministic). After a set is added, a label fixed or a suite changed:
// go run ./cmd/trainurgency.
func TestModelCurrent(t *testing.T) {
	m, err := build("../..", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../../triage/model.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Marshal(), shipped) {
		t.Fatal("triage/model.bin is stale: run go run ./cmd/trainurgency")
	}
	if _, err := triage.UnmarshalModel(shipped); err != nil {
		t.Fatal(err)
	}
}
