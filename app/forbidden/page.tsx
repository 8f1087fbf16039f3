import Link from "next/link";

export default function ForbiddenPage() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not include it. Ask an administrator if you need it.</p>
      <Link href="/" className="mt-4 inline-block text-brand-600 hover:underline">
        Back to the home page
      </Link>
    </div>
  );
}
