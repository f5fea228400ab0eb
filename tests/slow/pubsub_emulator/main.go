// Command pubsub_emulator serves Google's Pub/Sub test server (pstest) on a loopback port,
// with the topics and subscriptions it is given, until it is interrupted. It prints the
// server's host:port, the value of PUBSUB_EMULATOR_HOST, once it is ready.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"cloud.google.com/go/pubsub/v2"
	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
)

func main() {
	project := flag.String("project", "tracks-test", "the project of the topics")
	topics := flag.String("topics", "", "comma-separated topic IDs to create")
	subscriptions := flag.String("subscriptions", "", "comma-separated topic:subscription IDs to create")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	server := pstest.NewServerWithAddress("127.0.0.1:0")
	defer server.Close() //nolint:errcheck // exiting
	if err := create(ctx, server.Addr, *project, *topics, *subscriptions); err != nil {
		log.Fatal(err)
	}
	fmt.Println(server.Addr)
	<-ctx.Done()
}

// create makes the topics and subscriptions on the server at addr.
func create(ctx context.Context, addr, project, topics, subscriptions string) error {
	if err := os.Setenv("PUBSUB_EMULATOR_HOST", addr); err != nil {
		return err
	}
	client, err := pubsub.NewClient(ctx, project)
	if err != nil {
		return err
	}
	defer client.Close() //nolint:errcheck // set-up only
	name := func(kind, id string) string { return "projects/" + project + "/" + kind + "/" + id }
	for id := range strings.SplitSeq(topics, ",") {
		if id == "" {
			continue
		}
		if _, err := client.TopicAdminClient.CreateTopic(ctx, &pubsubpb.Topic{Name: name("topics", id)}); err != nil {
			return fmt.Errorf("create topic %s: %w", id, err)
		}
	}
	for pair := range strings.SplitSeq(subscriptions, ",") {
		topic, id, ok := strings.Cut(pair, ":")
		if !ok {
			continue
		}
		if _, err := client.SubscriptionAdminClient.CreateSubscription(ctx, &pubsubpb.Subscription{
			Name: name("subscriptions", id), Topic: name("topics", topic), AckDeadlineSeconds: 30,
		}); err != nil {
			return fmt.Errorf("create subscription %s: %w", id, err)
		}
	}
	return nil
}
