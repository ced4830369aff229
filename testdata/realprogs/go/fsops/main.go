// fsops works through files and directories in a preopened directory, the way real programs
// do: os.MkdirAll, os.WriteFile, os.ReadDir, os.Stat, os.Rename (files and directories),
// seeks and partial reads, filepath.WalkDir, a JSON manifest written and read back, errors
// checked with errors.Is, and os.Remove / os.RemoveAll to leave the directory as it was.
//
// usage: fsops [DIR [FILES]]   DIR defaults to /sandbox, FILES (files written) to 10.
// Everything printed on stdout is deterministic; it exits 1 with "FAIL <step>: <error>".
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type entry struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	Sum  string `json:"sha256"`
}

type manifest struct {
	Files []entry `json:"files"`
	Total int64   `json:"total"`
}

func check(step string, err error) {
	if err != nil {
		fmt.Printf("FAIL %s: %v\n", step, err)
		os.Exit(1)
	}
}

// content returns the deterministic bytes of file i.
func content(i int) []byte {
	var b bytes.Buffer
	for line := 0; line <= i%7; line++ {
		fmt.Fprintf(&b, "file %d line %d %s\n", i, line, strings.Repeat("x", (i*13+line*7)%50))
	}
	return b.Bytes()
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return fmt.Sprintf("%x", s[:8])
}

func main() {
	dir := "/sandbox"
	files := 10
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if len(os.Args) > 2 {
		n, err := strconv.Atoi(os.Args[2])
		check("args", err)
		files = n
	}
	root := filepath.Join(dir, "fsops")

	check("mkdirall", os.MkdirAll(filepath.Join(root, "a", "b", "c"), 0o755))
	fmt.Println("mkdirall a/b/c ok")

	var total int64
	for i := 0; i < files; i++ {
		data := content(i)
		total += int64(len(data))
		check("write", os.WriteFile(filepath.Join(root, "a", fmt.Sprintf("f%04d.txt", i)), data, 0o644))
	}
	fmt.Printf("wrote %d files, %d bytes\n", files, total)

	entries, err := os.ReadDir(filepath.Join(root, "a"))
	check("readdir a", err)
	dirs, regular := 0, 0
	for _, e := range entries {
		if e.IsDir() {
			dirs++
			fmt.Printf("dir  a/%s\n", e.Name())
			continue
		}
		regular++
		if regular <= 3 {
			info, err := e.Info()
			check("info", err)
			fmt.Printf("file a/%s %d\n", e.Name(), info.Size())
		}
	}
	fmt.Printf("readdir a: %d dirs, %d files\n", dirs, regular)

	// Seek and partial reads.
	if files > 0 {
		f, err := os.Open(filepath.Join(root, "a", "f0000.txt"))
		check("open", err)
		_, err = f.Seek(5, io.SeekStart)
		check("seek", err)
		buf := make([]byte, 6)
		_, err = io.ReadFull(f, buf)
		check("read", err)
		end, err := f.Seek(0, io.SeekEnd)
		check("seek end", err)
		check("close", f.Close())
		fmt.Printf("seek 5 read %q, size %d\n", buf, end)

		// Rename a file into a subdirectory, then a directory.
		check("rename file", os.Rename(filepath.Join(root, "a", "f0000.txt"), filepath.Join(root, "a", "b", "moved.txt")))
		info, err := os.Stat(filepath.Join(root, "a", "b", "moved.txt"))
		check("stat moved", err)
		fmt.Printf("rename f0000.txt -> b/moved.txt ok, size %d\n", info.Size())
		_, err = os.Stat(filepath.Join(root, "a", "f0000.txt"))
		fmt.Printf("old name: not exist %v\n", errors.Is(err, fs.ErrNotExist))
	}
	check("rename dir", os.Rename(filepath.Join(root, "a", "b", "c"), filepath.Join(root, "c2")))
	fmt.Println("rename a/b/c -> c2 ok")

	// A manifest of every regular file, written as JSON and read back.
	var m manifest
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, entry{Name: rel, Size: int64(len(data)), Sum: sum(data)})
		m.Total += int64(len(data))
		return nil
	})
	check("walk", err)
	js, err := json.MarshalIndent(m, "", "  ")
	check("marshal", err)
	check("write manifest", os.WriteFile(filepath.Join(root, "manifest.json"), js, 0o644))
	back, err := os.ReadFile(filepath.Join(root, "manifest.json"))
	check("read manifest", err)
	var m2 manifest
	check("unmarshal", json.Unmarshal(back, &m2))
	if len(m2.Files) != len(m.Files) || m2.Total != m.Total {
		check("manifest", errors.New("read back differs"))
	}
	fmt.Printf("manifest: %d files, %d bytes, json %d bytes, sha256 %s\n", len(m2.Files), m2.Total, len(back), sum(back))
	for i, e := range m2.Files {
		if i < 2 || i == len(m2.Files)-1 {
			fmt.Printf("  %s %d %s\n", e.Name, e.Size, e.Sum)
		}
	}

	// Errors a program meets.
	_, err = os.Open(filepath.Join(root, "missing.txt"))
	fmt.Printf("open missing: not exist %v\n", errors.Is(err, fs.ErrNotExist))
	err = os.Mkdir(filepath.Join(root, "a"), 0o755)
	fmt.Printf("mkdir existing: exist %v\n", errors.Is(err, fs.ErrExist))
	err = os.Remove(filepath.Join(root, "a"))
	fmt.Printf("remove non-empty dir: failed %v\n", err != nil)

	// Clean up: one file by hand, the rest with RemoveAll.
	check("remove manifest", os.Remove(filepath.Join(root, "manifest.json")))
	check("removeall", os.RemoveAll(root))
	left, err := os.ReadDir(dir)
	check("readdir", err)
	for _, e := range left {
		if e.Name() == "fsops" {
			check("cleanup", errors.New("fsops still there"))
		}
	}
	fmt.Println("cleanup ok")
}
