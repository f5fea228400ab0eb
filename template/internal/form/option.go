package form

// Option is one choice of a select: the value the form sends, such as a referenced record's
// id, and the label the select shows.
type Option struct {
	Value string
	Label string
}
