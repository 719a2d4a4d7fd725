package main

import (
	"context"
	"time"

	"patientqa"
	"patientqa/server"
)

// timeoutAsker gives every answer its own deadline.
type timeoutAsker struct {
	next interface {
		server.Asker
		server.Streamer
	}
	timeout time.Duration
}

func (t timeoutAsker) AskStream(ctx context.Context, q patientqa.Question, emit func(string)) (*patientqa.Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	return t.next.AskStream(ctx, q, emit)
}

func (t timeoutAsker) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	return t.next.Ask(ctx, q)
}
