#!/usr/bin/env python3
"""An Ops twin for Twin Console, written from docs/protocol.md alone.

Python 3 standard library plus `websockets` (Debian: apt-get install python3-websockets). Run it, then give the
printed URL to the console:

    python3 examples/python-agent/twin_agent.py --port 8765
    npm start -- --agent ws://127.0.0.1:8765

It speaks protocol v1 as a direct link (one agent): hello, welcome with resume, acks, streamed replies (delta frames,
then the final message), a status, an alert, a decision that waits for the operator, metrics and heartbeats. Every
frame from the console is checked, and a bad one is answered with an error frame; the connection lives on.
"""
import argparse
import asyncio
import json
import sys
import uuid
from datetime import datetime, timezone

import websockets

PROTOCOL = 1
AGENT_ID = "ops-twin"
CARD = {
    "id": AGENT_ID,
    "name": "Ops Twin",
    "role": "Chief Operating Officer",
    "department": "Operations",
    "capabilities": ["production lines", "staffing", "throughput"],
    "intents": ["chat", "get_roadmap", "health_check", "capability_query"],
    "description": "Digital twin of the COO, written in Python from the protocol spec.",
}
KNOWLEDGE = [
    (("throughput", "line"), "Line 3 runs at 82% of plan since the 6 am shift change; lines 1 and 2 are on plan."),
    (("staff", "shift", "operator"), "Today: 41 operators on the floor, 2 out sick; the night shift is fully staffed."),
    (("quality", "defect"), "Defect rate is 0.6% this week against a 1% ceiling."),
]
ROADMAP = ["Line 3 retooling (Dec 2)", "Night shift cross-training (Dec 9)", "Warehouse move (Jan 15)"]
INTENTS = {"chat", "get_roadmap", "assign_task", "request_knowledge", "share_insights", "request_review",
           "provide_feedback", "health_check", "capability_query"}
PRIORITIES = {"low", "normal", "high", "urgent"}


def now():
    return datetime.now(timezone.utc).isoformat()


def new_id():
    return str(uuid.uuid4())


class Twin:
    """The agent's state: it outlives connections, so a console that reconnects gets what it missed."""

    def __init__(self, stream_delay):
        self.stream_delay = stream_delay
        self.consoles = set()  # welcomed sockets
        self.seq = 0
        self.aligned = False
        self.unacked = {}  # id -> message frame, in seq order (dicts keep insertion order)
        self.handled = set()
        self.status = {"type": "status", "state": "monitoring", "detail": "Watching production lines 1 to 3"}
        alert_id = new_id()
        self.alerts = {alert_id: {
            "type": "alert", "id": alert_id, "severity": "warning", "title": "Line 3 throughput below plan",
            "body": "Line 3 has run at 82% of plan for 2 hours; the backlog grows by 40 units an hour.",
            "dedupe_key": "line-3-throughput", "state": "firing"}}
        decision_id = new_id()
        self.decisions = {decision_id: {
            "type": "decision", "id": decision_id, "summary": "Move 2 operators from line 1 to line 3",
            "reasoning": "Line 1 is 6% ahead of plan and line 3 is 18% behind; two operators close most of the gap.",
            "confidence": 0.74, "context": {"from_line": 1, "to_line": 3, "operators": 2}}}
        self.mode = "manual"

    # ---- sending -------------------------------------------------------------------------------------------------

    async def broadcast(self, frame):
        text = json.dumps(frame)
        for ws in list(self.consoles):
            try:
                await ws.send(text)
            except websockets.ConnectionClosed:
                self.consoles.discard(ws)

    async def send_message(self, conversation_id, intent, text, reply_to=None, message_id=None, data=None):
        self.seq += 1
        frame = {"type": "message", "id": message_id or new_id(), "seq": self.seq, "conversation_id": conversation_id,
                 "from": AGENT_ID, "to": "operator", "intent": intent, "text": text, "priority": "normal",
                 "timestamp": now()}
        if reply_to:
            frame["reply_to"] = reply_to
        if data:
            frame["data"] = data
        # Kept until acked or covered by a welcome's last_seq, then re-sent after the next welcome.
        self.unacked[frame["id"]] = frame
        await self.broadcast(frame)
        return frame

    async def set_status(self, state, detail):
        self.status = {"type": "status", "state": state, "detail": detail}
        await self.broadcast(self.status)

    # ---- receiving -----------------------------------------------------------------------------------------------

    async def serve(self, ws):
        await ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL, "agents": [CARD]}))
        pinger = asyncio.ensure_future(self.ping_loop(ws))
        try:
            async for raw in ws:
                frame, error = parse(raw)
                if error:
                    await ws.send(json.dumps(error))
                    continue
                try:
                    await self.handle(ws, frame)
                except websockets.ConnectionClosed:
                    raise
                except Exception as exc:  # a bug here must not end the connection
                    print(f"ops-twin: failed on {frame.get('type')}: {exc!r}", file=sys.stderr)
                    await ws.send(json.dumps({"type": "error", "code": "INTERNAL", "message": str(exc)[:2000],
                                              **({"ref": frame["id"]} if isinstance(frame.get("id"), str) else {})}))
        except websockets.ConnectionClosed:
            pass
        finally:
            pinger.cancel()
            self.consoles.discard(ws)

    async def ping_loop(self, ws):
        while True:
            await asyncio.sleep(15)
            await ws.send(json.dumps({"type": "ping", "nonce": now()}))

    async def handle(self, ws, frame):
        kind = frame["type"]
        if kind == "welcome":
            await self.on_welcome(ws, frame)
        elif kind == "ping":
            await ws.send(json.dumps({"type": "pong", "nonce": frame["nonce"]}))
        elif kind == "ack":
            self.unacked.pop(frame["id"], None)
        elif kind == "message":
            await self.on_message(ws, frame)
        elif kind == "decision_result":
            await self.on_decision_result(ws, frame)
        elif kind == "set_mode":
            self.mode = frame["mode"]
        elif kind == "error":
            print(f"ops-twin: console refused a frame: {frame['code']}: {frame['message']}", file=sys.stderr)

    async def on_welcome(self, ws, frame):
        last = frame["last_seq"].get(AGENT_ID, 0)
        if not self.aligned:
            # Without state on disk this process started at seq 0: what it wrote before this first welcome reached
            # no console, so it is numbered after the last seq the console committed.
            self.aligned = True
            if last > 0:
                self.seq = last
                for mid in list(self.unacked):
                    self.seq += 1
                    self.unacked[mid] = {**self.unacked[mid], "seq": self.seq}
        self.consoles.add(ws)
        await ws.send(json.dumps(self.status))
        for mid in list(self.unacked):
            message = self.unacked[mid]
            if message["seq"] <= last:
                del self.unacked[mid]
            else:
                await ws.send(json.dumps(message))
        for alert in self.alerts.values():
            await ws.send(json.dumps(alert))
        for decision in self.decisions.values():
            await ws.send(json.dumps(decision))
        await ws.send(json.dumps({"type": "metric", "name": "line_3_throughput", "value": 82, "unit": "%"}))

    async def on_message(self, ws, frame):
        await ws.send(json.dumps({"type": "ack", "id": frame["id"]}))
        if frame["id"] in self.handled:
            return
        self.handled.add(frame["id"])
        await self.set_status("busy", "Answering the operator")
        answer = compose(frame["intent"], frame.get("text") or "")
        reply_id = new_id()
        words = answer.split(" ")
        for i in range(0, len(words), 3):
            piece = " ".join(words[i:i + 3]) + (" " if i + 3 < len(words) else "")
            await self.broadcast({"type": "delta", "id": reply_id, "conversation_id": frame["conversation_id"],
                                  "text": piece})
            await asyncio.sleep(self.stream_delay)
        await self.send_message(frame["conversation_id"], frame["intent"], answer, reply_to=frame["id"],
                                message_id=reply_id)
        await self.set_status("monitoring", "Watching production lines 1 to 3")

    async def on_decision_result(self, ws, frame):
        await ws.send(json.dumps({"type": "ack", "id": frame["id"]}))
        decision = self.decisions.pop(frame["id"], None)
        if decision is None:
            return  # already settled: a re-sent result changes nothing
        approved = frame["outcome"] == "approved"
        comment = frame.get("comment")
        text = (f"Approved: {decision['summary'].lower()}. Moving them at the next break."
                if approved else f"Rejected: I will not {decision['summary'].lower()}.")
        if comment:
            text += f' Noted: "{comment}".'
        await self.set_status("intervening" if approved else "monitoring",
                              "Rebalancing line 3" if approved else "Watching production lines 1 to 3")
        await self.send_message(f"direct:{AGENT_ID}", "share_insights", text,
                                data={"decision_id": frame["id"], "outcome": frame["outcome"]})
        if approved:
            for alert_id, alert in list(self.alerts.items()):
                del self.alerts[alert_id]
                await self.broadcast({**alert, "state": "resolved"})


def compose(intent, question):
    lower = question.lower()
    if intent == "get_roadmap":
        return "Roadmap: " + "; ".join(f"{i + 1}. {item}" for i, item in enumerate(ROADMAP))
    if intent == "capability_query":
        return "I can help with " + ", ".join(CARD["capabilities"]) + "."
    if intent == "health_check":
        return "Ops Twin is healthy and watching 3 production lines."
    if intent not in CARD["intents"]:
        return f'Ops Twin does not handle "{intent}" requests.'
    for keywords, fact in KNOWLEDGE:
        if any(k in lower for k in keywords):
            return fact
    return "Noted. I will check with the floor leads and report back."


def parse(raw):
    """Returns (frame, None) for a usable console frame, or (None, error frame) as the spec's error codes say."""
    if isinstance(raw, bytes):
        return None, {"type": "error", "code": "BINARY_NOT_SUPPORTED", "message": "Frames must be JSON text frames."}
    try:
        frame = json.loads(raw)
    except ValueError as exc:
        return None, {"type": "error", "code": "INVALID_JSON", "message": f"Frame is not valid JSON: {exc}"}
    problem = check(frame)
    if problem is None:
        return frame, None
    error = {"type": "error", "code": "SCHEMA_MISMATCH", "message": f"Frame does not match protocol v1: {problem}"}
    if isinstance(frame, dict) and isinstance(frame.get("id"), str) and frame["id"]:
        error["ref"] = frame["id"][:200]
    return None, error


def is_id(value):
    return isinstance(value, str) and 1 <= len(value) <= 200


def check(frame):
    """The console-to-agent frames of docs/protocol.md; returns what is wrong, or None."""
    if not isinstance(frame, dict):
        return "(frame): expected an object"
    kind = frame.get("type")
    if kind == "welcome":
        if not isinstance(frame.get("protocol"), int):
            return "protocol: expected an integer"
        if not is_id(frame.get("console_id")):
            return "console_id: expected an id"
        seqs = frame.get("last_seq")
        if not isinstance(seqs, dict) or not all(isinstance(v, int) and v >= 0 for v in seqs.values()):
            return "last_seq: expected an object of integers >= 0"
        return None
    if kind == "message":
        for field in ("id", "conversation_id", "from", "to"):
            if not is_id(frame.get(field)):
                return f"{field}: expected an id"
        if frame.get("intent") not in INTENTS:
            return "intent: unknown intent"
        if "text" in frame and not isinstance(frame["text"], str):
            return "text: expected a string"
        if frame.get("priority", "normal") not in PRIORITIES:
            return "priority: unknown priority"
        if not isinstance(frame.get("timestamp"), str):
            return "timestamp: expected an ISO time"
        return None
    if kind == "ack":
        return None if is_id(frame.get("id")) else "id: expected an id"
    if kind == "decision_result":
        if not is_id(frame.get("id")):
            return "id: expected an id"
        return None if frame.get("outcome") in ("approved", "rejected") else "outcome: expected approved or rejected"
    if kind == "set_mode":
        return None if frame.get("mode") in ("manual", "semi_auto", "auto") else "mode: unknown mode"
    if kind in ("ping", "pong"):
        return None if isinstance(frame.get("nonce"), str) else "nonce: expected a string"
    if kind == "error":
        return None if isinstance(frame.get("code"), str) and isinstance(frame.get("message"), str) else "code, message"
    return f"type: unknown frame type {kind!r}"


async def main():
    parser = argparse.ArgumentParser(description="An Ops twin for Twin Console (protocol v1).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--stream-delay", type=float, default=0.05, help="seconds between streamed pieces")
    args = parser.parse_args()
    twin = Twin(args.stream_delay)
    async with websockets.serve(twin.serve, args.host, args.port, max_size=1024 * 1024) as server:
        port = server.sockets[0].getsockname()[1]
        # The first line on stdout is the URL: scripts and tests read it to learn the port.
        print(f"ws://{args.host}:{port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
