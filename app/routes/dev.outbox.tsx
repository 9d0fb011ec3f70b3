import { useLoaderData } from "@remix-run/react";
import { listConsoleMessages } from "~/models/outbox.server";
import { invariantResponse } from "~/utils/http.server";
import { consoleChannels } from "~/utils/otp-delivery.server";

// Local demo / development only: the outbox rows (docs/decisions/018) of the channels whose
// transport is the console, opened. 404 with real transports (env refuses console in production).
export async function loader() {
  const channels = consoleChannels();
  invariantResponse(channels.length > 0, "Not found", { status: 404 });
  return { messages: await listConsoleMessages(channels) };
}

export default function DevOutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dev outbox (ข้อความ OTP ทดสอบ)</h1>
      <p className="notice">Demo only — a real installation sends these by SMS or e-mail and has no such page.</p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ol className="outbox">
        {messages.map((message) => (
          <li key={message.id}>
            <strong>{message.to}</strong> <span className="muted">{message.at}</span> <span className="muted">{message.state}</span>
            <p className="outbox-text">{message.text}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
