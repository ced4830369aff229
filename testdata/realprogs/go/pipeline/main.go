// pipeline is a concurrent program on Go's wasip1 scheduler: a producer, WORKERS goroutines
// hashing, a collector, all joined by channels, with a sync.WaitGroup, a select on a
// time.After timeout, a sleeping goroutine (time.Sleep and time.Ticker: poll_oneoff clock
// subscriptions), crypto/rand (random_get) and encoding/json for the results.
//
// usage: pipeline [JOBS [WORKERS [ROUNDS]]]   defaults: 2000 jobs, 4 workers, 50 SHA-256 rounds
// a job. stdout is deterministic; stderr has the random bytes and the elapsed time.
package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"
)

type result struct {
	ID     int    `json:"id"`
	Worker int    `json:"-"`
	Steps  int    `json:"collatz_steps"`
	Digest string `json:"digest"`
}

func arg(i, def int) int {
	if len(os.Args) <= i {
		return def
	}
	n, err := strconv.Atoi(os.Args[i])
	if err != nil || n < 0 {
		fmt.Printf("FAIL args: %q\n", os.Args[i])
		os.Exit(1)
	}
	return n
}

func collatz(n int) int {
	steps := 0
	for n > 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func work(id, rounds int) result {
	d := sha256.Sum256([]byte("job " + strconv.Itoa(id)))
	for r := 0; r < rounds; r++ {
		d = sha256.Sum256(d[:])
	}
	return result{ID: id, Steps: collatz(id + 1), Digest: hex.EncodeToString(d[:8])}
}

func main() {
	jobs, workers, rounds := arg(1, 2000), arg(2, 4), arg(3, 50)
	if workers == 0 {
		workers = 1
	}
	start := time.Now()

	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		fmt.Printf("FAIL rand: %v\n", err)
		os.Exit(1)
	}
	zero := true
	for _, b := range seed {
		zero = zero && b == 0
	}
	fmt.Printf("crypto/rand: %d bytes, all zero %v\n", len(seed), zero)
	fmt.Fprintf(os.Stderr, "random %x\n", seed)

	// A sleeper beside the pipeline: five ticks of a 2 ms ticker, then a 1 ms sleep.
	ticks := make(chan int)
	go func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		n := 0
		for range t.C {
			n++
			if n == 5 {
				break
			}
		}
		time.Sleep(time.Millisecond)
		ticks <- n
	}()

	in := make(chan int, 16)
	out := make(chan result, 16)
	go func() {
		for i := 0; i < jobs; i++ {
			in <- i
		}
		close(in)
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for id := range in {
				r := work(id, rounds)
				r.Worker = w
				out <- r
			}
		}(w)
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	var results []result
	perWorker := make([]int, workers)
	timeout := time.After(60 * time.Second)
collect:
	for {
		select {
		case r, ok := <-out:
			if !ok {
				break collect
			}
			results = append(results, r)
			perWorker[r.Worker]++
		case <-timeout:
			fmt.Println("FAIL timeout")
			os.Exit(1)
		}
	}
	// How the jobs spread over the workers depends on the scheduler: stderr only.
	fmt.Printf("results %d from %d workers\n", len(results), workers)
	fmt.Fprintf(os.Stderr, "jobs per worker %v\n", perWorker)

	sort.Slice(results, func(i, j int) bool { return results[i].ID < results[j].ID })
	js, err := json.Marshal(results)
	if err != nil {
		fmt.Printf("FAIL marshal: %v\n", err)
		os.Exit(1)
	}
	var back []result
	if err := json.Unmarshal(js, &back); err != nil || len(back) != len(results) {
		fmt.Printf("FAIL unmarshal: %v\n", err)
		os.Exit(1)
	}
	maxSteps, maxID := 0, 0
	for _, r := range back {
		if r.Steps > maxSteps {
			maxSteps, maxID = r.Steps, r.ID+1
		}
	}
	all := sha256.Sum256(js)
	fmt.Printf("json %d bytes, sha256 %x\n", len(js), all[:8])
	fmt.Printf("longest collatz below %d: %d (%d steps)\n", jobs+1, maxID, maxSteps)
	if len(back) > 0 {
		fmt.Printf("first %s last %s\n", back[0].Digest, back[len(back)-1].Digest)
	}
	fmt.Printf("ticker: %d ticks\n", <-ticks)
	elapsed := time.Since(start)
	fmt.Printf("elapsed positive %v\n", elapsed > 0)
	fmt.Fprintf(os.Stderr, "elapsed %v\n", elapsed)
}
