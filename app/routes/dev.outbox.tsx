import { useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { invariantResponse } from "~/utils/http.server";
import { readOutbox } from "~/utils/otp-delivery.server";

// Local demo / development only: what the console transport "sent". 404 with a real transport.
export async function loader() {
  invariantResponse(env.OTP_TRANSPORT === "console" || env.EMAIL_TRANSPORT === "console", "Not found", { status: 404 });
  return { messages: readOutbox() };
}

export default function DevOutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dev outbox (ข้อความ OTP ทดสอบ)</h1>
      <p className="notice">Demo only — a real installation sends these by SMS or e-mail and has no such page.</p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ol className="outbox">
        {messages.map((message, index) => (
          <li key={index}>
            <strong>{message.to}</strong> <span className="muted">{message.at}</span>
            <p className="outbox-text">{message.text}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
