import { createContext, useContext } from "react";

// The per-request CSP nonce (set in entry.server.tsx) for Remix's inline scripts.
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
