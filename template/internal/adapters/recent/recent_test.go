package recent

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestListKeepsTheNewestFirst(t *testing.T) {
	list := New[int](3)
	assert.Empty(t, list.Newest())
	for n := 1; n <= 5; n++ {
		list.Add(n)
	}
	assert.Equal(t, []int{5, 4, 3}, list.Newest())

	newest := list.Newest()
	newest[0] = 0
	assert.Equal(t, 5, list.Newest()[0], "callers get a copy")
}

func TestListCapacityIsAtLeastOne(t *testing.T) {
	list := New[string](0)
	list.Add("a")
	list.Add("b")
	assert.Equal(t, []string{"b"}, list.Newest())
}

func TestListConcurrentUse(t *testing.T) {
	const writers, perWriter = 8, 50
	list := New[int](writers * perWriter)

	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				list.Add(w*perWriter + i)
			}
		})
		wg.Go(func() {
			for range perWriter {
				_ = list.Newest()
			}
		})
	}
	wg.Wait()

	seen := map[int]bool{}
	for _, v := range list.Newest() {
		seen[v] = true
	}
	assert.Len(t, seen, writers*perWriter, "no value was lost or kept twice")
}
