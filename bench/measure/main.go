// Command measure runs a command several times and prints the median,
// minimum and maximum of its wall time, CPU time (user + system, children
// included) and peak memory (largest resident set), from the operating
// system's own accounting of each finished run.
//
//	go run ./bench/measure -n 5 -- hugo --quiet -s DIR
//
// With -tsv it prints one line: label, wall, cpu, rss medians.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 5, "counted runs")
	warm := flag.Int("warmup", 1, "runs not counted, first")
	label := flag.String("label", "", "label for -tsv output")
	tsv := flag.Bool("tsv", false, "print label, wall s, cpu s, peak MiB medians on one line")
	pre := flag.String("before", "", "a shell command run before every run, not timed (e.g. to remove the output)")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		log.Fatal("measure: no command")
	}
	var walls, cpus, rss []float64
	for i := 0; i < *warm+*n; i++ {
		if *pre != "" {
			if out, err := exec.Command("sh", "-c", *pre).CombinedOutput(); err != nil {
				log.Fatalf("before: %v\n%s", err, out)
			}
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			log.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
		wall := time.Since(start).Seconds()
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
		if i < *warm {
			continue
		}
		walls = append(walls, wall)
		cpus = append(cpus, cpu)
		rss = append(rss, float64(ru.Maxrss)/1024) // KiB → MiB
	}
	med := func(v []float64) float64 { s := slices.Clone(v); slices.Sort(s); return s[len(s)/2] }
	if *tsv {
		fmt.Printf("%s\t%.3f\t%.3f\t%.0f\n", *label, med(walls), med(cpus), med(rss))
		return
	}
	for _, r := range []struct {
		name string
		v    []float64
		unit string
	}{{"wall", walls, "s"}, {"cpu", cpus, "s"}, {"peak memory", rss, "MiB"}} {
		fmt.Printf("%-12s median %8.3f %s   min %8.3f   max %8.3f\n", r.name, med(r.v), r.unit, slices.Min(r.v), slices.Max(r.v))
	}
}
