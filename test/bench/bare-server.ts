// The baseline: a bare Express JSON handler that parses the same body and answers with JSON.
import express from 'express';

const app = express();
app.use(express.json());
let saved = 0;
app.put('/answers/:id', (req, res) => {
  saved += 1;
  res.json({ id: req.params.id, value: (req.body as { value?: unknown }).value ?? null, version: saved });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
