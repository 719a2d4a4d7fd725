package server

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"patientqa"
)

// rateLimit allows each client (by remote IP) Config.RateLimit requests per second with a
// burst of Config.RateBurst; others get 429 ERATELIMIT with Retry-After. Clients idle for ten
// minutes are forgotten, so the table stays bounded by the number of active clients.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.cfg.RateLimit <= 0 {
		return next
	}
	burst := s.cfg.RateBurst
	if burst <= 0 {
		burst = 10
	}
	type client struct {
		lim  *rate.Limiter
		seen time.Time
	}
	var mu sync.Mutex
	clients := map[string]*client{}
	lastSweep := s.cfg.Now()
	retry := strconv.Itoa(int(math.Ceil(1 / s.cfg.RateLimit)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		now := s.cfg.Now()
		mu.Lock()
		if now.Sub(lastSweep) > time.Minute {
			for k, c := range clients {
				if now.Sub(c.seen) > 10*time.Minute {
					delete(clients, k)
				}
			}
			lastSweep = now
		}
		c := clients[ip]
		if c == nil {
			c = &client{lim: rate.NewLimiter(rate.Limit(s.cfg.RateLimit), burst)}
			clients[ip] = c
		}
		c.seen = now
		ok := c.lim.AllowN(now, 1)
		mu.Unlock()
		if !ok {
			w.Header().Set("Retry-After", retry)
			s.writeError(w, r, patientqa.Errorf(patientqa.ERATELIMIT, "too many requests; try again in %s s", retry))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitInFlight caps the answers computed at once; when the server is saturated it answers
// 503 EUNAVAILABLE at once rather than queueing without bound.
func (s *Server) limitInFlight(next http.Handler) http.Handler {
	if s.cfg.MaxInFlight <= 0 {
		return next
	}
	slots := make(chan struct{}, s.cfg.MaxInFlight)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			s.m.saturated.Inc()
			w.Header().Set("Retry-After", "1")
			s.writeError(w, r, patientqa.Errorf(patientqa.EUNAVAILABLE, "the service is busy; try again in a moment"))
		}
	})
}
