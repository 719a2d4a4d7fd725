package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"patientqa"
)

// Metrics are what operators watch at /metrics.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	answers    *prometheus.CounterVec
	refusals   prometheus.Counter
	guardTrips prometheus.Counter
	fallbacks  *prometheus.CounterVec
	cacheHits  prometheus.Counter
	inFlight   prometheus.Gauge
	saturated  prometheus.Counter
	corpus     *prometheus.GaugeVec
	documents  prometheus.Gauge
	byRequest  sync.Map // requestKey -> *requestMetrics
	byCategory sync.Map // patientqa.Category -> its answers counter
}

// NewMetrics registers the service's metrics (and Go runtime and process metrics) in reg, or
// in a new registry when reg is nil.
func NewMetrics(reg *prometheus.Registry) *Metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "patientqa_requests_total",
			Help: "HTTP requests by route and status code."}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "patientqa_request_duration_seconds",
			Help: "HTTP request latency by route.", Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}},
			[]string{"route"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "patientqa_answers_total",
			Help: "Answers by category."}, []string{"category"}),
		refusals: prometheus.NewCounter(prometheus.CounterOpts{Name: "patientqa_refusals_total",
			Help: "Answers refused because the vetted sources do not cover the question."}),
		guardTrips: prometheus.NewCounter(prometheus.CounterOpts{Name: "patientqa_guard_trips_total",
			Help: "Sentences dropped by the cure-promise guard."}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "patientqa_composer_fallbacks_total",
			Help: "Answers that fell back to the extractive composer, by reason."}, []string{"reason"}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{Name: "patientqa_answer_cache_hits_total",
			Help: "Answers served from the answer cache (repeated questions)."}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "patientqa_in_flight_requests",
			Help: "HTTP requests being served."}),
		saturated: prometheus.NewCounter(prometheus.CounterOpts{Name: "patientqa_saturated_total",
			Help: "Requests refused because the concurrency cap was reached."}),
		corpus: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "patientqa_corpus_info",
			Help: "The corpus version served (value 1)."}, []string{"version"}),
		documents: prometheus.NewGauge(prometheus.GaugeOpts{Name: "patientqa_corpus_documents",
			Help: "Documents servable in the corpus."}),
	}
	reg.MustRegister(m.requests, m.latency, m.answers, m.refusals, m.guardTrips, m.fallbacks, m.cacheHits, m.inFlight,
		m.saturated, m.corpus, m.documents, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SetCorpus records the corpus version and document count.
func (m *Metrics) SetCorpus(version string, documents int) {
	m.corpus.Reset()
	m.corpus.WithLabelValues(version).Set(1)
	m.documents.Set(float64(documents))
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *Metrics) observeRequest(route string, status int, d time.Duration) {
	k := requestKey{route, status}
	rm, ok := m.byRequest.Load(k)
	if !ok {
		// Resolved once per route and status (a bounded set: routeOf names the routes).
		rm, _ = m.byRequest.LoadOrStore(k, &requestMetrics{
			count:   m.requests.WithLabelValues(route, strconv.Itoa(status)),
			latency: m.latency.WithLabelValues(route),
		})
	}
	rm.(*requestMetrics).count.Inc()
	rm.(*requestMetrics).latency.Observe(d.Seconds())
}

// requestKey and requestMetrics keep the request metrics of each route and status, looked up
// by label values once.
type requestKey struct {
	route  string
	status int
}

type requestMetrics struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// observeAnswer counts an answer by category, refusal, guard trips and composer fallback.
func (m *Metrics) observeAnswer(a *patientqa.Answer) {
	c, ok := m.byCategory.Load(a.Category)
	if !ok {
		// Resolved once per category (a fixed set).
		c, _ = m.byCategory.LoadOrStore(a.Category, m.answers.WithLabelValues(string(a.Category)))
	}
	c.(prometheus.Counter).Inc()
	if a.Refused {
		m.refusals.Inc()
	}
	if a.GuardDropped > 0 {
		m.guardTrips.Add(float64(a.GuardDropped))
	}
	if a.FallbackReason != "" {
		m.fallbacks.WithLabelValues(a.FallbackReason).Inc()
	}
	if a.Cached {
		m.cacheHits.Inc()
	}
}
