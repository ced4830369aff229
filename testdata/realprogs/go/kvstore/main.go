// kvstore is a small log-structured key-value store in a preopened directory: every change is
// a JSON line appended to DIR/kv.log (O_APPEND|O_CREATE|O_WRONLY through a bufio.Writer, then
// File.Sync), the store is rebuilt by reading the log back (bufio.Scanner), compacted into
// DIR/kv.log.tmp and renamed over the log, then read again, listed with os.ReadDir and removed.
//
// usage: kvstore [DIR [KEYS]]   DIR defaults to /sandbox, KEYS to 1000.
// stdout is deterministic; it exits 1 with "FAIL <step>: <error>".
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

type record struct {
	Op    string `json:"op"`
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
}

func check(step string, err error) {
	if err != nil {
		fmt.Printf("FAIL %s: %v\n", step, err)
		os.Exit(1)
	}
}

// appendRecords appends recs to the log, one JSON line each.
func appendRecords(path string, recs []record) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	check("open log", err)
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, r := range recs {
		check("encode", enc.Encode(r))
	}
	check("flush", w.Flush())
	check("sync", f.Sync())
	check("close log", f.Close())
}

// load replays the log and returns the live keys and the number of records read.
func load(path string) (map[string]string, int) {
	f, err := os.Open(path)
	check("open for read", err)
	defer f.Close()
	kv := map[string]string{}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r record
		check("decode line "+strconv.Itoa(n+1), json.Unmarshal(sc.Bytes(), &r))
		switch r.Op {
		case "put":
			kv[r.Key] = r.Value
		case "del":
			delete(kv, r.Key)
		}
		n++
	}
	check("scan", sc.Err())
	return kv, n
}

func digest(kv map[string]string) string {
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\n", k, kv[k])
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:8])
}

func size(path string) int64 {
	info, err := os.Stat(path)
	check("stat", err)
	return info.Size()
}

func main() {
	dir := "/sandbox"
	keys := 1000
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if len(os.Args) > 2 {
		n, err := strconv.Atoi(os.Args[2])
		check("args", err)
		keys = n
	}
	logPath := filepath.Join(dir, "kv.log")
	tmpPath := logPath + ".tmp"

	// Three sessions of writes, each appending to the log.
	var puts []record
	for i := 0; i < keys; i++ {
		puts = append(puts, record{Op: "put", Key: fmt.Sprintf("k%06d", i), Value: strconv.Itoa(i * i)})
	}
	appendRecords(logPath, puts)
	var changes []record
	for i := 0; i < keys; i += 3 {
		changes = append(changes, record{Op: "del", Key: fmt.Sprintf("k%06d", i)})
	}
	appendRecords(logPath, changes)
	changes = changes[:0]
	for i := 0; i < keys; i += 5 {
		changes = append(changes, record{Op: "put", Key: fmt.Sprintf("k%06d", i), Value: "v" + strconv.Itoa(i)})
	}
	appendRecords(logPath, changes)

	kv, n := load(logPath)
	before := size(logPath)
	fmt.Printf("log: %d records, %d bytes; live keys %d, digest %s\n", n, before, len(kv), digest(kv))

	// Compaction: the live keys in order into a new file, renamed over the log.
	names := make([]string, 0, len(kv))
	for k := range kv {
		names = append(names, k)
	}
	sort.Strings(names)
	f, err := os.Create(tmpPath)
	check("create tmp", err)
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, k := range names {
		check("encode", enc.Encode(record{Op: "put", Key: k, Value: kv[k]}))
	}
	check("flush", w.Flush())
	check("sync", f.Sync())
	check("close tmp", f.Close())
	check("rename", os.Rename(tmpPath, logPath))
	kv2, n2 := load(logPath)
	fmt.Printf("compacted: %d records, %d bytes; live keys %d, digest %s\n", n2, size(logPath), len(kv2), digest(kv2))
	if digest(kv) != digest(kv2) {
		check("compaction", fmt.Errorf("digest changed"))
	}
	if v, ok := kv2["k000005"]; ok {
		fmt.Printf("get k000005 = %s\n", v)
	}
	_, ok := kv2["k000003"]
	fmt.Printf("get k000003 present %v\n", ok)

	entries, err := os.ReadDir(dir)
	check("readdir", err)
	for _, e := range entries {
		if e.Name() == "kv.log" || e.Name() == "kv.log.tmp" {
			fmt.Printf("dir: %s\n", e.Name())
		}
	}
	check("remove", os.Remove(logPath))
	fmt.Println("done")
}
