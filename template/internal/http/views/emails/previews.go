package emails

// Previews lists the emails made with `make mailer`, which the development mailbox
// (/dev/mailbox) shows with their example data without sending them: one line per email, added
// above the marker by the generator.
//
// This file belongs to the application: template updates never change it.
func (m *Mailer) Previews() []Preview {
	return []Preview{
		// tracks:mailers
	}
}
