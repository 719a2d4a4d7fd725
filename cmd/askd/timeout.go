package main

import (
	"context"
	"time"

	"patientqa"
	"patientqa/server"
)

// timeoutAsker gives every answer its own deadline.
type timeoutAsker struct {
	next    server.Asker
	timeout time.Duration
}

func (t timeoutAsker) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	return t.next.Ask(ctx, q)
}
