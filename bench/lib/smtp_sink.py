#!/usr/bin/env python3
"""A minimal SMTP sink for bench/profile.sh (bench/run.sh uses bench/smtp-sink, which records
Message-IDs and takes more mails/s): accepts every message on loopback and drops it,
counting them. Standard library only.   usage: smtp_sink.py PORT COUNT_FILE
The count is written to COUNT_FILE when the sink stops (SIGTERM).
SINK_QUICKACK=1 acknowledges every segment at once (TCP_QUICKACK), for telling the client's
Nagle wait on the server's delayed ACK apart from other costs; an ordinary MTA does not."""
import asyncio, os, signal, socket, sys

port, count_file = int(sys.argv[1]), sys.argv[2]
count = 0
QUICKACK = os.environ.get("SINK_QUICKACK") == "1"


async def session(reader, writer):
    global count
    w = writer.write
    sock = writer.get_extra_info("socket")

    def quickack():
        if QUICKACK:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    w(b"220 sink ESMTP\r\n")
    try:
        while True:
            quickack()
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                w(b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n")
            elif verb == b"DATA":
                w(b"354 go ahead\r\n")
                await writer.drain()
                while True:
                    quickack()
                    data = await reader.readline()
                    if not data or data == b".\r\n":
                        break
                count += 1
                w(b"250 queued\r\n")
            elif verb == b"QUIT":
                w(b"221 bye\r\n")
                break
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                w(b"250 ok\r\n")
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    with open(count_file, "w") as f:
        f.write(f"{count}\n")


asyncio.run(main())
