package harness

import "testing"

func TestWarmMore(t *testing.T) {
	cases := []struct {
		name  string
		warm  int
		worst float64
		want  int
	}{
		{"already long enough", 10, WarmFor, 0},
		{"longer than needed", 10, 2 * WarmFor, 0},
		{"no calls timed", 0, 0.001, 0},
		{"no time measured", 10, 0, 0},
		{"half way: as many again", 100, WarmFor / 2, 101},
		{"a tenth: nine times as many", 10, WarmFor / 10, 91},
		{"tiny calls: capped", 1, 1e-12, maxWarmMore},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := WarmMore(c.warm, c.worst); got != c.want {
				t.Errorf("WarmMore(%d, %g) = %d, want %d", c.warm, c.worst, got, c.want)
			}
		})
	}
}
